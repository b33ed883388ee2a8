import { Layout } from './layout.tsx';

export interface Journey {
  readonly title: string;
  readonly description: string;
  readonly href: string;
  /** False while the journey's route does not exist yet: it is shown, but not linked. */
  readonly available: boolean;
}

export const LandingPage = ({ journeys }: { journeys: readonly Journey[] }) => (
  <Layout title="Forside">
    <h1>En ven, når man flytter til en ny kommune</h1>
    <p class="font-lead">
      Alle flygtninge, der får opholdstilladelse og flytter fra et asylcenter til en kommune, får tilbudt en
      frivillig ven eller venskabsfamilie. Vennen hjælper med hverdagen: busplanen, dansk i hverdagen, breve
      fra myndighederne, jobsøgning og vejen ind i foreninger.
    </p>
    <ul class="venner-journeys">
      {journeys.map((journey) => (
        <li class="venner-journey" key={journey.href}>
          <h2 class="h3">{journey.available ? <a href={journey.href}>{journey.title}</a> : journey.title}</h2>
          <p>{journey.description}</p>
          {journey.available ? null : <p class="venner-soon">Åbner snart</p>}
        </li>
      ))}
    </ul>
  </Layout>
);
