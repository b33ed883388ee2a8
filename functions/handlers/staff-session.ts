import { UnauthorizedError } from '../lib/errors.ts';
import { httpHandler, json } from '../lib/http-handler.ts';

/** GET /api/me: the signed-in staff member, as the authorizer established them. */
export const handler = httpHandler(async ({ staff }) => {
  if (!staff) throw new UnauthorizedError();
  return json({ username: staff.username, roles: staff.roles });
});
