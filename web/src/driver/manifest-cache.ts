import type { Manifest } from './manifest';

/**
 * The last run sheet the tablet saw, kept on the device: a tablet restarted in a dead zone still
 * shows its stops (and the reports it keeps). Removed on logging out, like a villager's rides.
 */
const KEY = 'etb.driver.manifest';

export function rememberManifest(userId: string, manifest: Manifest | null): void {
  try {
    if (manifest) localStorage.setItem(KEY, JSON.stringify({ userId, manifest }));
    else localStorage.removeItem(KEY);
  } catch {
    // No storage: after a restart without network the tablet waits for the service.
  }
}

export function lastManifest(userId: string): Manifest | undefined {
  try {
    const kept = JSON.parse(localStorage.getItem(KEY) ?? 'null') as { userId: string; manifest: Manifest } | null;
    return kept?.userId === userId ? kept.manifest : undefined;
  } catch {
    return undefined;
  }
}

export function forgetDriverManifest(): void {
  rememberManifest('', null);
}
