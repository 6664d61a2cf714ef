import L from 'leaflet';
import type { RefObject } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ClientSettings } from '../types';
import { loadClientSettings } from './catalogue';

const NO_TILES: ClientSettings = { mapTileUrl: null, mapAttribution: null, smsDemo: false };

/** The client settings a map needs (its tile URL); without an answer, a map without tiles. */
export function useMapSettings(): ClientSettings | null {
  const [settings, setSettings] = useState<ClientSettings | null>(null);
  useEffect(() => {
    loadClientSettings().then(setSettings).catch(() => setSettings(NO_TILES));
  }, []);
  return settings;
}

/**
 * A Leaflet map in `container` with tiles only from the configured MAP_TILE_URL and its attribution
 * (no third party by default); without one, whatever is drawn on it on a plain background.
 */
export function createMap(container: HTMLElement, settings: ClientSettings, options: L.MapOptions = {}): L.Map {
  const map = L.map(container, { ...options, attributionControl: Boolean(settings.mapTileUrl) });
  if (settings.mapTileUrl) {
    map.attributionControl.setPrefix(false);
    L.tileLayer(settings.mapTileUrl, { attribution: settings.mapAttribution ?? '', maxZoom: 18 }).addTo(map);
  }
  return map;
}

/** A point chosen on the map: a click there, or Enter (or Space) for the point under the cross in the middle. */
export function onPointChosen(map: L.Map, choose: (at: L.LatLng) => void): void {
  map.on('click', (event: L.LeafletMouseEvent) => choose(event.latlng));
  map.getContainer().addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' && event.key !== ' ') return;
    event.preventDefault();
    choose(map.getCenter());
  });
}

/**
 * A map made once the client settings are known (by `setup`, in the element `box`), removed with the
 * component; `settings` changes once, so effects that draw on the map can depend on it.
 */
export function useLeafletMap(box: RefObject<HTMLDivElement | null>, setup: (container: HTMLElement, settings: ClientSettings) => L.Map) {
  const settings = useMapSettings();
  const map = useRef<L.Map | null>(null);
  useEffect(() => {
    if (!settings || !box.current || map.current) return;
    const m = setup(box.current, settings);
    map.current = m;
    return () => {
      m.remove();
      map.current = null;
    };
  }, [settings]);
  return { map, settings };
}
