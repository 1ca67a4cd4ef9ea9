import type { App } from '../../../application/app';
import { localAuthority } from '../../../domain/local-authorities';
import { language, t } from './index';

/** The LA's name in the page's language: its Welsh name on Welsh pages where it has one. */
export const laNameOf = (app: Pick<App, 'laName'>, code: string): string =>
  code === 'national'
    ? t('navigation.national')
    : ((language() === 'cy' ? localAuthority(code).nameCy : undefined) ?? app.laName?.(code) ?? code);
