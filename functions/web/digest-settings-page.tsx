import type { DigestChoice } from '../domain/digest-settings.ts';
import type { QuietDigest } from '../domain/kommune-digest.ts';
import { kommuneOfficialName } from '../domain/reference-kommuner.ts';
import { Layout, Notice } from './layout.tsx';

export const digestSettingsPath = '/ugebrev';

const choiceLabels: Record<DigestChoice, string> = {
  short: 'Send et kort ugebrev med tallene, også i uger uden nyt',
  none: 'Send kun ugebrevet i uger, hvor der er nyt',
  stop: 'Stop ugebrevet til mig',
};

/** A kommune contact's settings, from the link in their digest: no sign-in, one form. */
export const DigestSettingsPage = ({
  email,
  kommuneCode,
  quietDigest,
  token,
}: {
  email: string;
  kommuneCode: string;
  quietDigest: QuietDigest;
  token: string;
}) => (
  <Layout title="Ugebrevet fra Venner">
    <h1>Ugebrevet fra Venner</h1>
    <p class="font-lead">
      {kommuneOfficialName(kommuneCode)} får hver mandag et ugebrev om nye borgere, der gerne vil have en
      frivillig ven. Det sendes til {email}.
    </p>
    <form method="post" action={digestSettingsPath} class="venner-form">
      <input type="hidden" name="token" value={token} />
      <fieldset>
        <legend class="form-label">Hvad vil I have?</legend>
        {(['short', 'none', 'stop'] as const).map((choice) => (
          <div class="form-group-radio" key={choice}>
            <input
              class="form-radio"
              type="radio"
              id={`choice-${choice}`}
              name="choice"
              value={choice}
              checked={choice === quietDigest}
            />
            <label for={`choice-${choice}`}>{choiceLabels[choice]}</label>
          </div>
        ))}
      </fieldset>
      <p>Valget om uger uden nyt gælder alle kommunens modtagere; „Stop“ gælder kun dig.</p>
      <button class="button button-primary" type="submit">
        Gem mit valg
      </button>
    </form>
  </Layout>
);

export const DigestSettingsDonePage = ({ choice }: { choice: DigestChoice }) => (
  <Layout title="Dit valg er gemt">
    <h1>Dit valg er gemt</h1>
    <Notice>
      {choice === 'stop'
        ? 'Du får ikke flere ugebreve fra Venner. Vil du have dem igen, så skriv til sekretariatet.'
        : choice === 'none'
          ? 'Kommunen får kun ugebrevet i uger, hvor der er nyt.'
          : 'Kommunen får ugebrevet hver uge, kort i uger uden nyt.'}
    </Notice>
  </Layout>
);

export const DigestLinkProblemPage = () => (
  <Layout title="Linket virker ikke">
    <h1>Linket virker ikke</h1>
    <p class="font-lead">
      Linket er udløbet, eller modtageren er fjernet. Brug linket i det seneste ugebrev, eller skriv til
      sekretariatet.
    </p>
  </Layout>
);
