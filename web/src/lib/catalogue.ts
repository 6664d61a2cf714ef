import { get } from '../api';
import type { Area, ClientSettings, Stop } from '../types';

/** Stops and areas change seldom: loaded once per visit and shared by every page. */
let stops: Promise<Stop[]> | undefined;
let areas: Promise<Area[]> | undefined;
let settings: Promise<ClientSettings> | undefined;

const once = <T>(load: () => Promise<T>, reset: () => void) =>
  load().catch((error: unknown) => {
    reset(); // a failed load is tried again next time
    throw error;
  });

export const loadStops = () => (stops ??= once(() => get<{ items: Stop[] }>('/v1/stops').then((a) => a.items), () => (stops = undefined)));
export const loadAreas = () => (areas ??= once(() => get<{ items: Area[] }>('/v1/areas').then((a) => a.items), () => (areas = undefined)));
export const loadClientSettings = () =>
  (settings ??= once(() => get<ClientSettings>('/v1/client-settings'), () => (settings = undefined)));
