import 'leaflet/dist/leaflet.css';
import L from 'leaflet';
import { useEffect, useRef } from 'preact/hooks';
import { useI18n } from '../i18n';
import { createMap, useLeafletMap } from '../lib/leaflet-map';
import { formatTime } from '../lib/format';
import { distanceM } from '../lib/geo';
import type { StopView } from '../types';

/**
 * The bus on a small map near the pickup time. Tiles only from the configured MAP_TILE_URL (no third
 * party by default): without one, the stops and the bus on a plain background. The map is a picture
 * for those who can see it; the same facts are in the sentence above it.
 */
export default function RideMap(props: { bus: { lat: number; lon: number; reportedAt: string }; pickup: StopView; dropoff: StopView; timeZone: string }) {
  const { t, lang } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  const busMarker = useRef<L.CircleMarker | null>(null);

  const { map, settings } = useLeafletMap(box, (container, mapSettings) => {
    const m = createMap(container, mapSettings, {
      zoomControl: false, dragging: false, keyboard: false, scrollWheelZoom: false, doubleClickZoom: false, touchZoom: false, boxZoom: false,
    });
    const stop = (s: StopView, colour: string) => s.lat !== undefined && s.lon !== undefined && L.circleMarker([s.lat, s.lon], { radius: 9, color: colour, weight: 3, fillOpacity: 0.9 }).addTo(m);
    stop(props.pickup, '#006b3c');
    stop(props.dropoff, '#6b6b6b');
    busMarker.current = L.circleMarker([props.bus.lat, props.bus.lon], { radius: 12, color: '#1d2e6b', fillColor: '#ffd166', weight: 4, fillOpacity: 1 }).addTo(m);
    return m;
  });
  useEffect(() => {
    const m = map.current;
    if (!m || !busMarker.current) return;
    busMarker.current.setLatLng([props.bus.lat, props.bus.lon]);
    const points: L.LatLngExpression[] = [[props.bus.lat, props.bus.lon]];
    if (props.pickup.lat !== undefined && props.pickup.lon !== undefined) points.push([props.pickup.lat, props.pickup.lon]);
    m.fitBounds(L.latLngBounds(points), { padding: [30, 30], maxZoom: 15, animate: false });
  }, [props.bus.lat, props.bus.lon, settings]);

  const away = props.pickup.lat !== undefined && props.pickup.lon !== undefined ? distanceM(props.bus, { lat: props.pickup.lat, lon: props.pickup.lon }) : null;
  return (
    <figure class="ride-map">
      <figcaption class="kern-body">
        {away === null
          ? t('map.busAt', { time: formatTime(props.bus.reportedAt, props.timeZone, lang) })
          : t('map.busAway', { km: (away / 1000).toLocaleString(lang === 'de' ? 'de-DE' : 'en-GB', { maximumFractionDigits: 1 }), time: formatTime(props.bus.reportedAt, props.timeZone, lang), stop: props.pickup.name ?? '' })}
        {' '}{t('map.legend')}
      </figcaption>
      <div class="ride-map__canvas" ref={box} aria-hidden="true" />
    </figure>
  );
}
