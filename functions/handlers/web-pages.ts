import { type Operations, type RouteDefinition, routes } from '../../shared/routes.ts';
import { type HttpEvent, type HttpResult, html, httpHandler } from '../http/http-handler.ts';
import { type Journey, LandingPage } from '../web/landing-page.tsx';

const hasPage = (href: string) =>
  (routes as readonly RouteDefinition[]).some((route) => route.method === 'GET' && route.path === href);

/** The journeys the landing page offers; each is linked as soon as its route exists. */
const journeys: Journey[] = [
  {
    title: 'Bliv frivillig ven',
    description: 'Meld dig som ven eller venskabsfamilie for en flygtning, der flytter til din kommune.',
    href: '/bliv-ven',
  },
  {
    title: 'Hvor mangler der frivillige?',
    description:
      'Se for hver kommune, hvor mange der venter på en ven, og hvor mange frivillige der mangler.',
    href: '/mangler-frivillige',
  },
  {
    title: 'Log ind for medarbejdere',
    description: 'For sagsbehandlere på asylcentre, koordinatorer og administratorer.',
    href: '/log-ind',
  },
].map((journey) => ({ ...journey, available: hasPage(journey.href) }));

const landing = async () => html(LandingPage({ journeys }), 200, { 'cache-control': 'public, max-age=300' });

// `/privatliv` still shows the landing page: the privacy notice itself is issue 21's (docs/architecture.md).
const operations = { landing, privacyNotice: landing } satisfies Operations<
  'web-pages',
  HttpEvent,
  HttpResult
>;

export const handler = httpHandler('web-pages', ({ operation }) => operations[operation]());
