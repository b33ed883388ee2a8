import { pathOf } from '../../shared/routes.ts';

/** The caseworker's pages, by their routes in the route table. */
export const handoversPath = pathOf('handovers', 'list');
export const handoverPath = (id: string) => pathOf('handovers', 'view', { id });
