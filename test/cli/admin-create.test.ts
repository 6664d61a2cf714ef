import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { adminCreate, CliUsageError, parseCommandLine } from '../../src/cli/commands';
import { verifyPassword } from '../../src/domain/accounts/passwords';
import { hashToken } from '../../src/domain/auth/tokens';
import { createRepositories, type Repositories } from '../../src/domain/context';
import { freshDatabase } from '../support/databases';

describe('admin:create', () => {
  let database: Database;
  let repos: Repositories;
  beforeAll(async () => {
    database = await freshDatabase('pglite');
    repos = createRepositories(database.db);
  });
  afterAll(() => database.close());
  const ctx = () => ({ db: database.db, repos, now: () => new Date('2026-12-01T05:00:00Z') });
  const out = () => {
    const info: string[] = [];
    return { info, out: { info: (l: string) => info.push(l), error: (l: string) => info.push(l) } };
  };

  it('parses --name and --phone, and nothing else', () => {
    expect(parseCommandLine(['admin:create', '--name', 'Kreis', '--phone', '+49 6561 1'], 'USAGE').options).toEqual({ name: 'Kreis', phone: '+49 6561 1' });
    expect(() => parseCommandLine(['admin:create', '--role', 'admin'], 'USAGE')).toThrow(/Unknown option '--role'/);
  });

  it('names the missing or bad option', async () => {
    await expect(adminCreate(ctx(), { name: 'Kreis' }, out().out)).rejects.toThrow(CliUsageError);
    await expect(adminCreate(ctx(), { name: 'Kreis' }, out().out)).rejects.toThrow(/--phone/);
    await expect(adminCreate(ctx(), { name: ' ', phone: '+49 6561 96490' }, out().out)).rejects.toThrow(/--name/);
    expect(await repos.admin.hasActiveAdmin()).toBe(false);
  });

  it('creates an admin whose printed token finds it and whose printed password matches the stored hash, logged as a change', async () => {
    const printed = out();
    const made = await adminCreate(ctx(), { name: 'Kreisverwaltung Bitburg-Prüm', phone: '06561 15-0' }, printed.out);
    expect(printed.info.join('\n')).toContain(made.token);
    expect(printed.info.join('\n')).toContain(made.password);
    expect(await repos.users.findByTokenHash(hashToken(made.token))).toMatchObject({ id: made.userId, role: 'admin', phone: '+496561150' });
    expect(await verifyPassword((await repos.accounts.passwordHashOf(made.userId))!, made.password)).toBe(true);
    expect(await repos.admin.hasActiveAdmin()).toBe(true);
    expect(await repos.events.count()).toBeGreaterThan(0);
  });
});
