// The account services over one database, built once by the composition root.
import type { Kysely } from 'kysely';
import { KeyService } from '../keys/key-service.js';
import type { SharedState } from '../shared-state/shared-state.js';
import type { Database } from '../store/tables.js';
import { MembershipService } from './memberships.js';
import { OrgService } from './orgs.js';
import { ProjectService } from './projects.js';
import { TeamService } from './teams.js';
import { UserService } from './users.js';

export interface AccountServices {
  db: Kysely<Database>;
  orgs: OrgService;
  teams: TeamService;
  projects: ProjectService;
  users: UserService;
  memberships: MembershipService;
  keys: KeyService;
}

export function createAccountServices(db: Kysely<Database>, shared: SharedState | null): AccountServices {
  return {
    db,
    orgs: new OrgService(db, async () => {
      // prepaid and the BYOK fee are cached by admission, the discount by the price book
      await shared?.publish('orgs', 'changed');
      await shared?.publish('prices', 'changed');
    }),
    teams: new TeamService(db),
    projects: new ProjectService(db),
    users: new UserService(db),
    memberships: new MembershipService(db),
    keys: new KeyService(db, shared),
  };
}
