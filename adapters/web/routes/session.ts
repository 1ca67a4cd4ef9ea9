import type { Principal } from '../../../application/access';
import { issueSessionToken } from '../../http/session';
import { clearSessionCookie, type Page, sessionCookie } from '../pages';

/**
 * Local sign-in: pick one of the synthetic personas the local system passes in. In AWS, Cognito's hosted sign-in
 * takes this place.
 */
export function sessionPages(secret: string | undefined, personas: readonly Principal[]): Page[] {
  const personaById = (id: string) => personas.find((p) => p.id === id);
  const personaItems = (checked?: string) =>
    personas.map((p) => ({
      value: p.id,
      text: `${p.name}`,
      hint: { text: `${p.role.replace(/-/g, ' ')}, ${p.la}` },
      checked: p.id === checked,
    }));
  return [
    {
      method: 'GET',
      path: '/sign-in',
      action: 'public',
      handle: async () => ({
        view: 'pages/sign-in.njk',
        context: { title: 'Sign in', personas: personaItems() },
      }),
    },
    {
      method: 'POST',
      path: '/sign-in',
      action: 'public',
      handle: async ({ form }) => {
        const persona = typeof form.persona === 'string' ? personaById(form.persona) : undefined;
        if (!persona || !secret) {
          return {
            view: 'pages/sign-in.njk',
            status: 400,
            context: {
              title: 'Sign in',
              personas: personaItems(),
              errors: [{ text: 'Choose who to sign in as', href: '#persona' }],
            },
          };
        }
        return {
          redirect: persona.role === 'national-analyst' ? '/reports/national' : '/',
          cookies: [sessionCookie(issueSessionToken(persona, secret))],
        };
      },
    },
    {
      method: 'GET',
      path: '/sign-out',
      action: 'public',
      handle: async () => ({ redirect: '/sign-in', cookies: [clearSessionCookie] }),
    },
  ];
}
