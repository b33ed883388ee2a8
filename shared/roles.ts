/** Staff roles. Each is a Cognito group of the same name; the route table grants access by role. */
export const roles = ['caseworker', 'coordinator', 'admin'] as const;

export type Role = (typeof roles)[number];

export const roleLabels: Record<Role, string> = {
  caseworker: 'Sagsbehandler på asylcenter',
  coordinator: 'Koordinator',
  admin: 'Administrator',
};
