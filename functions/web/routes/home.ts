import { mayDo } from '../../shared/access';
import type { App } from '../../shared/app/app';
import type { Page } from '../pages';

/** The home page: the coordinator's task list. */
export function homePages(_app: App): Page[] {
  return [
    {
      method: 'GET',
      path: '/',
      action: 'signed-in',
      handle: async ({ principal }) =>
        principal.role === 'national-analyst'
          ? { redirect: '/reports/national' }
          : {
              view: 'pages/home.njk',
              context: { title: 'Your tasks', mayRecord: mayDo(principal, 'child:record') },
            },
    },
  ];
}
