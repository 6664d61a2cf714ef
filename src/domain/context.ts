import type { Db, DbOrTx } from '../../db/client';
import { accountDataRepository } from '../data-access/account-data-repository';
import { accountsRepository } from '../data-access/accounts-repository';
import { adminRepository } from '../data-access/admin-repository';
import { areasRepository } from '../data-access/areas-repository';
import { bookingsRepository } from '../data-access/bookings-repository';
import { decisionsRepository } from '../data-access/decisions-repository';
import { eventsRepository } from '../data-access/events-repository';
import { fleetRepository } from '../data-access/fleet-repository';
import { loginAttemptsRepository } from '../data-access/login-attempts-repository';
import { matrixBuildsRepository } from '../data-access/matrix-builds-repository';
import { oneTimeCodesRepository } from '../data-access/one-time-codes-repository';
import { outboundMessagesRepository } from '../data-access/outbound-messages-repository';
import { retentionRepository } from '../data-access/retention-repository';
import { ridersRepository } from '../data-access/riders-repository';
import { sessionsRepository } from '../data-access/sessions-repository';
import { usersRepository } from '../data-access/users-repository';
import type { AreaCache, AreaReads } from './bookings/area-cache';
import type { BookingDecider } from './dispatch/decider';

/** What the use cases need, built once at start-up and passed in (no module-level singletons). */
export interface DomainContext {
  db: Db;
  repos: Repositories;
  decider: BookingDecider;
  now: () => Date;
  settings: { snapMaxWalkM: number; decisionWaitMs: number };
  /**
   * Areas, stops and vehicles as booking requests and the stop names of every view read them (through
   * `areaReadsOf`); without it they come from `repos.areas`. A use case that changes them here (a bus
   * out of service or back) calls `invalidate`.
   */
  areaCache?: AreaCache;
}

/** The one place that chooses between the area cache and the repository. */
export function areaReadsOf(ctx: Pick<DomainContext, 'areaCache' | 'repos'>): AreaReads {
  return ctx.areaCache ?? ctx.repos.areas;
}

export type Repositories = ReturnType<typeof createRepositories>;

export function createRepositories(db: DbOrTx) {
  return {
    areas: areasRepository(db),
    bookings: bookingsRepository(db),
    decisions: decisionsRepository(db),
    events: eventsRepository(db),
    fleet: fleetRepository(db),
    users: usersRepository(db),
    admin: adminRepository(db),
    matrixBuilds: matrixBuildsRepository(db),
    riders: ridersRepository(db),
    // villager accounts
    accounts: accountsRepository(db),
    accountData: accountDataRepository(db),
    codes: oneTimeCodesRepository(db),
    loginAttempts: loginAttemptsRepository(db),
    outbox: outboundMessagesRepository(db),
    retention: retentionRepository(db),
    sessions: sessionsRepository(db),
  };
}
