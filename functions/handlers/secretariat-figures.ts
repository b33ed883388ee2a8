import { loadEnv } from '../../shared/env.ts';
import { figuresQuerySchema } from '../../shared/figures-contract.ts';
import type { Operations } from '../../shared/routes.ts';
import { figuresPorts } from '../adapters/figures-ports.ts';
import { DomainError, ValidationError } from '../domain/errors.ts';
import {
  type Area,
  defaultPeriod,
  type SecretariatFigures,
  scopeOf,
  secretariatFigures,
  shownGroupFigures,
  twelveMonthsEndingIn,
} from '../domain/secretariat-figures.ts';
import { UnauthorizedError } from '../http/errors.ts';
import { type HttpEvent, type HttpResult, html, httpHandler, json } from '../http/http-handler.ts';
import { staffAuthFrom } from '../http/staff-auth.ts';
import type { StaffContext } from '../lib/staff-context.ts';
import { toCsv } from '../web/csv.ts';
import { type FieldTexts, toFieldErrors } from '../web/field-errors.ts';
import { kommuneNameOf } from '../web/handover-texts.ts';
import { SecretariatFiguresPage, shareText, sourceText } from '../web/secretariat-figures-page.tsx';

const env = loadEnv('secretariat-figures');
const staffAuth = staffAuthFrom(env);
const deps = figuresPorts(env);

const monthMessage = 'Skriv måneden som ÅÅÅÅ-MM, fx 2026-01.';
const fieldTexts: FieldTexts = {
  labels: {
    area: { da: 'Område', en: 'Area' },
    from: { da: 'Fra måned', en: 'From' },
    to: { da: 'Til måned', en: 'To' },
  },
  required: {},
  custom: {},
  specific: {
    area: { invalid_format: { da: 'Vælg et område fra listen.', en: 'Choose an area from the list.' } },
    from: { invalid_format: { da: monthMessage, en: 'Write the month as YYYY-MM.' } },
    to: { invalid_format: { da: monthMessage, en: 'Write the month as YYYY-MM.' } },
  },
};

const areaOf = (value: string): Area => {
  const [kind, code] = value.split('-') as [string, string | undefined];
  return kind === 'region' || kind === 'kommune' ? { kind, code: code as string } : { kind: 'all' };
};

/** Parses the question; a bad month or area becomes a Danish message on its field. */
const parseQuery = (input: Record<string, string | undefined>, now: Date) => {
  const parsed = figuresQuerySchema.safeParse(input);
  if (!parsed.success) throw new ValidationError(toFieldErrors(parsed.error, input, 'da', fieldTexts));
  const to = parsed.data.to ?? defaultPeriod(now).to;
  const from = parsed.data.from ?? twelveMonthsEndingIn(to).from;
  return { input: parsed.data, query: { area: areaOf(parsed.data.area), from, to } };
};

const figuresFor = async (staff: StaffContext, input: Record<string, string | undefined>) => {
  const { input: asked, query } = parseQuery(input, deps.now());
  return { asked, figures: await secretariatFigures(deps, staff, query) };
};

/** Only the query names the page uses (a stray `utm_…` or `fbclid` must not fail the page). */
const pageInput = (event: HttpEvent) => {
  const q = event.queryStringParameters ?? {};
  return Object.fromEntries(
    Object.entries({ area: q.omraade, from: q.fra, to: q.til, type: q.type }).filter(([, v]) => v),
  ) as Record<string, string | undefined>;
};

const page = async (event: HttpEvent, staff: StaffContext) => {
  const input = pageInput(event);
  const scope = scopeOf(await deps.kommuner(), staff);
  const values = { area: input.area ?? 'all', from: input.from ?? '', to: input.to ?? '' };
  if (scope.inScope.length === 0) return html(SecretariatFiguresPage({ staff, scope, values }));
  try {
    const { figures } = await figuresFor(staff, input);
    return html(
      SecretariatFiguresPage({
        staff,
        scope,
        figures,
        values: { ...values, from: figures.query.from, to: figures.query.to },
      }),
    );
  } catch (error) {
    if (!(error instanceof DomainError && error.kind === 'invalid')) throw error;
    return html(SecretariatFiguresPage({ staff, scope, values, errors: error.errors ?? [] }), 400);
  }
};

const csvNumber = (n: number | undefined) => (n === undefined ? '' : n);

/** One row per organisation and, below it, per group; small counts as "under 3". */
const groupsCsv = (figures: SecretariatFigures) =>
  toCsv(
    [
      'Organisation',
      'Lokal gruppe',
      'Frivillige nu',
      'Ledige nu',
      'Match indgået',
      'Match der nåede 6 måneder',
      'Match lukket før 6 måneder',
      'Andel der nåede 6 måneder',
      'Nye frivillige',
      'Største kilde',
    ],
    figures.byOrganisation.flatMap((o) =>
      [{ name: '', figures: o.figures }, ...o.groups].map((row) => {
        const f = shownGroupFigures(row.figures);
        return [
          o.name,
          row.name || '(alle grupper)',
          f.volunteersNow,
          f.availableNow,
          f.matchesMade,
          f.reachedSixMonths,
          f.endedEarly,
          f.shareReachedSixMonths === undefined ? '' : shareText(f.shareReachedSixMonths),
          f.recruited,
          f.topSource ? sourceText(f.topSource) : '',
        ];
      }),
    ),
  );

const csvOf = (figures: SecretariatFigures, type: 'figures' | 'sources' | 'groups') =>
  type === 'groups'
    ? groupsCsv(figures)
    : type === 'sources'
      ? toCsv(
          ['Måned', 'Kommunekode', 'Kommune', 'Kanal', 'Kilde', 'Kampagne', 'Nye frivillige'],
          figures.recruitment.map((r) => [
            r.month,
            r.kommuneCode,
            kommuneNameOf(r.kommuneCode),
            r.channel === 'campaign' ? 'Kampagnelink' : 'Hørt om os',
            r.channel === 'campaign' ? r.source : sourceText(r).replace('Hørt om os: ', ''),
            r.channel === 'campaign' ? r.campaign : '',
            r.count,
          ]),
        )
      : toCsv(
          [
            'Måned',
            'Kommunekode',
            'Kommune',
            'Overdragelser',
            'Samtykker',
            'Ønskede en ven',
            'Andel der ønskede en ven',
            'Tilbagekaldt',
            'Match indgået',
            'Median dage fra ankomst til match',
            'Match der nåede 6 måneder',
            'Match lukket før 6 måneder',
            'Andel lukket før 6 måneder',
            'Median møder pr. måned',
            'Nye frivillige',
          ],
          figures.byMonthAndKommune.map(({ month, kommuneCode, figures: f }) => [
            month,
            kommuneCode,
            kommuneNameOf(kommuneCode),
            f.handovers,
            f.consented,
            f.wantedFriend,
            f.shareWantedFriend === undefined ? '' : shareText(f.shareWantedFriend),
            f.withdrawn,
            f.matchesMade,
            csvNumber(f.medianDaysToMatch),
            f.reachedSixMonths,
            f.endedEarly,
            f.earlyClosureRate === undefined ? '' : shareText(f.earlyClosureRate),
            csvNumber(f.medianMeetingsPerMonth),
            f.recruited,
          ]),
        );

const exportCsv = async (event: HttpEvent, staff: StaffContext) => {
  const { asked, figures } = await figuresFor(staff, pageInput(event));
  const name = `venner-${asked.type === 'sources' ? 'kilder' : asked.type === 'groups' ? 'grupper' : 'tal'}-${figures.query.from}-${figures.query.to}.csv`;
  return {
    statusCode: 200,
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${name}"`,
      'cache-control': 'no-store',
    },
    body: csvOf(figures, asked.type),
  };
};

const api = async (event: HttpEvent, staff: StaffContext) => {
  const { asked, figures } = await figuresFor(staff, { ...event.queryStringParameters });
  return json({
    area: asked.area,
    areaName: figures.areaName,
    from: figures.query.from,
    to: figures.query.to,
    total: figures.total,
    missingNow: figures.missingNow,
    byMonth: figures.byMonth,
    byArea: figures.byArea,
    sources: figures.sources,
    byOrganisation: figures.byOrganisation.map((o) => ({
      ...o,
      figures: shownGroupFigures(o.figures),
      groups: o.groups.map((g) => ({ ...g, figures: shownGroupFigures(g.figures) })),
    })),
  });
};

const operations = { page, export: exportCsv, api } satisfies Operations<
  'secretariat-figures',
  HttpEvent,
  HttpResult,
  [StaffContext]
>;

export const handler = httpHandler(
  'secretariat-figures',
  async ({ event, staff, operation }) => {
    if (!staff) throw new UnauthorizedError();
    return operations[operation](event, staff);
  },
  { staffAuth },
);
