import { useEffect, useState } from 'preact/hooks';

export interface Loaded<T> {
  data: T | undefined;
  failed: boolean;
  reload: () => void;
  /** Shows the server's answer to a change at once, before the reload brings the rest. */
  replace: (data: T) => void;
}

/** Loads what a page shows, again when `keys` change or after a change (`reload`). */
export function useLoad<T>(load: () => Promise<T>, keys: unknown[]): Loaded<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [failed, setFailed] = useState(false);
  const [round, setRound] = useState(0);
  useEffect(() => {
    let live = true;
    load().then((value) => live && (setData(value), setFailed(false))).catch(() => live && setFailed(true));
    return () => {
      live = false;
    };
  }, [...keys, round]);
  return { data, failed, reload: () => setRound((r) => r + 1), replace: setData };
}
