import type { ComponentChildren } from 'preact';

export interface LayoutProps {
  readonly title: string;
  readonly lang?: 'da' | 'en';
  readonly children: ComponentChildren;
}

/** The frame of every page: the Danish common design system (DKFDS), a skip link, header and footer. */
export const Layout = ({ title, lang = 'da', children }: LayoutProps) => (
  <html lang={lang}>
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>{`${title} · Venner`}</title>
      <link rel="stylesheet" href="/assets/dkfds/css/dkfds.min.css" />
      <link rel="stylesheet" href="/assets/venner.css" />
    </head>
    <body>
      <a class="skipnav" href="#main-content">
        Gå til sidens indhold
      </a>
      <header class="header venner-header">
        <div class="container">
          <a class="venner-brand" href="/">
            Venner
          </a>
          <span class="venner-tagline">Røde Kors og Dansk Flygtningehjælp</span>
        </div>
      </header>
      <main id="main-content" class="container venner-main" tabIndex={-1}>
        {children}
      </main>
      <footer class="venner-footer">
        <div class="container">
          <p>
            Venner er et samarbejde mellem Røde Kors, Dansk Flygtningehjælp og kommunerne om at tilbyde alle
            flygtninge en frivillig ven, når de flytter til en ny kommune.
          </p>
        </div>
      </footer>
    </body>
  </html>
);
