import type { Principal } from '../../../application/access';
import { type AuthConfig, issueSessionToken, sessionOf } from '../../http/session';
import { t } from '../i18n';
import { clearSessionCookie, type Page, sessionCookie } from '../pages';

/**
 * Local sign-in: pick one of the synthetic personas the local system passes in. Signing out ends the session on the
 * server too, so a copy of the token stops working. In AWS, Cognito's hosted sign-in takes this place.
 */
export function sessionPages(auth: AuthConfig, personas: readonly Principal[]): Page[] {
  const personaById = (id: string) => personas.find((p) => p.id === id);
  const personaItems = (checked?: string) =>
    personas.map((p) => ({
      value: p.id,
      text: `${p.name}`,
      hint: { text: `${t(`roles.${p.role}`)}, ${p.la}` },
      checked: p.id === checked,
    }));
  return [
    {
      method: 'GET',
      path: '/sign-in',
      action: 'public',
      handle: async () => ({
        view: 'pages/sign-in.njk',
        context: { title: t('signIn.title'), personas: personaItems() },
      }),
    },
    {
      method: 'POST',
      path: '/sign-in',
      action: 'public',
      handle: async ({ form }) => {
        const persona = typeof form.persona === 'string' ? personaById(form.persona) : undefined;
        if (!persona || !auth.localSessionSecret) {
          return {
            view: 'pages/sign-in.njk',
            status: 400,
            context: {
              title: t('signIn.title'),
              personas: personaItems(),
              errors: [{ text: t('signIn.choose'), href: '#persona' }],
            },
          };
        }
        const now = auth.now?.() ?? Date.now();
        return {
          redirect: persona.role === 'national-analyst' ? '/reports/national' : '/',
          cookies: [sessionCookie(issueSessionToken(persona, auth.localSessionSecret, now))],
        };
      },
    },
    {
      method: 'GET',
      path: '/sign-out',
      action: 'public',
      handle: async ({ event }) => {
        const session = sessionOf(event, auth, { cookie: true });
        if (session) auth.sessions?.signOut(session);
        return { redirect: '/sign-in', cookies: [clearSessionCookie] };
      },
    },
  ];
}
