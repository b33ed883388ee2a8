import type { ComponentChildren } from 'preact';
import { roleLabels } from '../../shared/roles.ts';
import type { StaffContext } from '../lib/staff-context.ts';
import { staffBasePath, staffName } from '../lib/staff-context.ts';
import { Layout } from './layout.tsx';

/** Every staff page: who is signed in, the staff menu for their roles, and sign-out. */
export const StaffLayout = ({
  title,
  staff,
  hasErrors = false,
  children,
}: {
  title: string;
  staff: StaffContext;
  /** A form with errors: the window title says so first, as on the public forms. */
  hasErrors?: boolean;
  children: ComponentChildren;
}) => (
  <Layout title={hasErrors ? `Fejl: ${title}` : title}>
    <nav class="venner-staff-bar" aria-label="Personale">
      <ul class="nobullet-list venner-staff-menu">
        <li>
          <a href={staffBasePath}>Forside for personale</a>
        </li>
        {staff.roles.includes('caseworker') ? (
          <>
            <li>
              <a href={`${staffBasePath}/overdragelser/ny`}>Ny overdragelse</a>
            </li>
            <li>
              <a href={`${staffBasePath}/overdragelser`}>Overdragelser</a>
            </li>
          </>
        ) : null}
        {staff.roles.includes('coordinator') || staff.roles.includes('admin') ? (
          <>
            <li>
              <a href={`${staffBasePath}/opgaver`}>Opgaver</a>
            </li>
            <li>
              <a href={`${staffBasePath}/matching`}>Matching</a>
            </li>
            <li>
              <a href={`${staffBasePath}/tal`}>Tal</a>
            </li>
          </>
        ) : null}
        {staff.roles.includes('admin') ? (
          <li>
            <a href={`${staffBasePath}/administration`}>Administration</a>
          </li>
        ) : null}
      </ul>
      <form method="post" action={`${staffBasePath}/log-ud`} class="venner-sign-out">
        <span>
          {staffName(staff)} ({staff.roles.map((role) => roleLabels[role].toLowerCase()).join(', ')})
        </span>{' '}
        <button type="submit" class="button button-tertiary">
          Log ud
        </button>
      </form>
    </nav>
    <h1>{title}</h1>
    {children}
  </Layout>
);
