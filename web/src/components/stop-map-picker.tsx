import 'leaflet/dist/leaflet.css';
import L from 'leaflet';
import { useEffect, useRef } from 'preact/hooks';
import { useI18n } from '../i18n';
import { createMap, onPointChosen, useLeafletMap } from '../lib/leaflet-map';
import { nearestStop } from '../lib/geo';
import type { Stop } from '../types';

/**
 * Choosing a stop on a map: a tap (or Enter, for the stop under the cross in the middle) takes the
 * stop nearest that point. The stops are drawn, not buttons: on a small screen dozens of them would
 * be targets too close together to hit; the map itself is the one target. Tiles only from the
 * configured MAP_TILE_URL; without one, the stops on a plain background.
 */
export default function StopMapPicker(props: { stops: Stop[]; wheelchair: boolean; chosen: Stop | null; onChoose: (stop: Stop, distanceM: number) => void }) {
  const { t } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  const chosenMarker = useRef<L.CircleMarker | null>(null);
  const choose = useRef(props.onChoose);
  choose.current = props.onChoose;

  const { map, settings } = useLeafletMap(box, (container, mapSettings) => {
    const m = createMap(container, mapSettings, { keyboard: true, zoomSnap: 0.5 });
    // Leaflet draws vector shapes only once the map has a view.
    m.fitBounds(L.latLngBounds(props.stops.map((s) => [s.lat, s.lon] as L.LatLngTuple)), { padding: [16, 16], animate: false });
    for (const stop of props.stops) {
      const usable = !props.wheelchair || stop.wheelchairAccessible;
      L.circleMarker([stop.lat, stop.lon], { radius: 5, weight: 2, color: usable ? '#1d2e6b' : '#8a8a8a', fillOpacity: usable ? 0.8 : 0.3, interactive: false }).addTo(m);
    }
    const pick = (at: L.LatLng) => {
      const found = nearestStop(props.stops, { lat: at.lat, lon: at.lng }, props.wheelchair);
      if (found) choose.current(found.stop, found.distanceM);
    };
    onPointChosen(m, pick);
    return m;
  });
  useEffect(() => {
    const m = map.current;
    chosenMarker.current?.remove();
    chosenMarker.current = null;
    if (!m || !props.chosen) return;
    chosenMarker.current = L.circleMarker([props.chosen.lat, props.chosen.lon], { radius: 11, weight: 4, color: '#006b3c', fillColor: '#ffd166', fillOpacity: 1, interactive: false }).addTo(m);
  }, [props.chosen?.id, settings]);

  return (
    <div class="stop-map">
      <p class="kern-body" id="stop-map-help">{t('book.map.help')}</p>
      <div class="stop-map__canvas" ref={box} role="region" aria-label={t('book.map.label')} aria-describedby="stop-map-help" />
    </div>
  );
}
