import type { ComponentChildren } from 'preact';
import { assetUrl } from './asset-url.ts';

export interface LayoutProps {
  readonly title: string;
  readonly lang?: 'da' | 'en';
  /** The same page in the other language. */
  readonly alternate?: { readonly href: string; readonly lang: 'da' | 'en' };
  readonly children: ComponentChildren;
}

/** The frame of every page: the Danish common design system (DKFDS), a skip link, header and footer. */
export const Layout = ({ title, lang = 'da', alternate, children }: LayoutProps) => (
  <html lang={lang}>
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>{`${title} · Venner`}</title>
      <link rel="stylesheet" href={assetUrl('dkfds/css/dkfds.min.css')} />
      <link rel="stylesheet" href={assetUrl('venner.css')} />
    </head>
    <body>
      <a class="skipnav" href="#main-content">
        {lang === 'da' ? 'Gå til sidens indhold' : 'Skip to content'}
      </a>
      <header class="header venner-header">
        <div class="container">
          <a class="venner-brand" href="/">
            Venner
          </a>
          <span class="venner-tagline">
            {lang === 'da' ? 'Røde Kors og Dansk Flygtningehjælp' : 'Red Cross and Danish Refugee Council'}
          </span>
          {alternate ? (
            <a class="venner-lang" href={alternate.href} hrefLang={alternate.lang} lang={alternate.lang}>
              {alternate.lang === 'en' ? 'English' : 'Dansk'}
            </a>
          ) : null}
        </div>
      </header>
      <main id="main-content" class="container venner-main" tabIndex={-1}>
        {children}
      </main>
      <footer class="venner-footer">
        <div class="container">
          <p>
            {lang === 'da'
              ? 'Venner er et samarbejde mellem Røde Kors, Dansk Flygtningehjælp og kommunerne om at tilbyde alle flygtninge en frivillig ven, når de flytter til en ny kommune.'
              : 'Venner is a partnership of the Red Cross, the Danish Refugee Council and the municipalities that offers every refugee a volunteer friend when they move to a new municipality.'}{' '}
            <a href={lang === 'da' ? '/privatliv' : '/privatliv?lang=en'}>
              {lang === 'da' ? 'Privatlivserklæring' : 'Privacy notice'}
            </a>
          </p>
        </div>
      </footer>
    </body>
  </html>
);

/** What went wrong, at the top of a page, announced at once (role "alert"). */
export const Problem = ({ children }: { children: ComponentChildren }) => (
  <div class="alert alert-error" role="alert">
    <div class="alert-body">
      <p class="alert-text">{children}</p>
    </div>
  </div>
);

/** A message at the top of a page that screen readers announce: a success, or information. */
export const Notice = ({
  kind = 'success',
  children,
}: {
  kind?: 'success' | 'info';
  children: ComponentChildren;
}) => (
  <div class={`alert alert-${kind}`} role="status">
    <div class="alert-body">
      <p class="alert-text">{children}</p>
    </div>
  </div>
);
