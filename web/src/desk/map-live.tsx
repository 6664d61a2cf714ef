import 'leaflet/dist/leaflet.css';
import L from 'leaflet';
import { useEffect, useRef, useState } from 'preact/hooks';
import { get } from '../api';
import { useI18n } from '../i18n';
import { loadClientSettings, loadStops } from '../lib/catalogue';
import type { ClientSettings, Stop } from '../types';
import { BUS_COLOURS, currentShift, lateMinutes, loadNow, lookFrom, stopsAhead } from './map-facts';
import type { Overview } from './overview-live';

interface RouteLine {
  road: boolean;
  coordinates: Array<[number, number]>;
}

/** A text node for a tooltip: names from the database never become markup. */
const textElement = (text: string) => {
  const span = document.createElement('span');
  span.textContent = text;
  return span;
};

/**
 * The area on a map: its outline, every stop, every bus at its last reported position (or, before
 * the first report, hollow at the stop it last served or its depot) with label, load and lateness, and each bus's
 * planned route for the next hours: along the roads (solid) when the service has road data, else
 * straight dashed lines between its stops. Tiles only from
 * MAP_TILE_URL; without them everything on a plain background. A picture for those who can see it:
 * the table beside it says the same.
 */
export default function LiveMap(props: { overview: Overview }) {
  const { t } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const layer = useRef<L.LayerGroup | null>(null);
  const [settings, setSettings] = useState<ClientSettings | null>(null);
  const [stops, setStops] = useState<Stop[]>([]);
  const fitted = useRef(false);
  const outlineBounds = useRef<L.LatLngBounds | null>(null);
  // Lines through each bus's next stops, by stop sequence: along the roads when the service has road data.
  const lines = useRef(new Map<string, RouteLine | 'loading'>());
  const [linesRead, setLinesRead] = useState(0);

  useEffect(() => {
    loadClientSettings().then(setSettings).catch(() => setSettings({ mapTileUrl: null, mapAttribution: null, smsDemo: false }));
    loadStops().then(setStops).catch(() => setStops([]));
  }, []);

  useEffect(() => {
    if (!settings || !box.current || map.current) return;
    const m = L.map(box.current, { zoomControl: false, keyboard: false, attributionControl: false, zoomSnap: 0.25 });
    if (settings.mapTileUrl) L.tileLayer(settings.mapTileUrl, { maxZoom: 18 }).addTo(m);
    layer.current = L.layerGroup().addTo(m);
    map.current = m;
    // A wider window or a narrower column: the map fills its new size and shows the whole area again.
    const canvas = box.current;
    const resized = new ResizeObserver(() => {
      // A canvas without size (hidden, being laid out) has no zoom that fits.
      if (canvas.clientWidth === 0 || canvas.clientHeight === 0) return;
      m.invalidateSize({ animate: false });
      if (outlineBounds.current) m.fitBounds(outlineBounds.current, { padding: [12, 12], animate: false });
    });
    resized.observe(canvas);
    return () => {
      resized.disconnect();
      m.remove();
      map.current = null;
      fitted.current = false;
    };
  }, [settings]);

  useEffect(() => {
    const m = map.current;
    const group = layer.current;
    if (!m || !group) return;
    group.clearLayers();
    const o = props.overview;
    const ring = o.area.polygon.coordinates[0].map(([lon, lat]) => [lat, lon] as [number, number]);
    const outline = L.polygon(ring, { color: '#475569', weight: 2, fillColor: '#e2e8f0', fillOpacity: 0.35, interactive: false }).addTo(group);
    for (const s of stops.filter((x) => x.areaId === o.areaId)) {
      L.circleMarker([s.lat, s.lon], { radius: 4, color: '#334155', weight: 1, fillColor: '#ffffff', fillOpacity: 1 })
        .bindTooltip(textElement(s.name), { direction: 'top' })
        .addTo(group);
    }
    const at = lookFrom(o);
    const byId = new Map(stops.map((s) => [s.id, s]));
    /** The known line through these stops, else null (straight for now) while it is asked for. */
    const lineThrough = (ids: string[]): RouteLine | null => {
      const key = ids.join(',');
      const known = lines.current.get(key);
      if (known === undefined) {
        lines.current.set(key, 'loading');
        get<RouteLine>(`/v1/dispatch/route?stops=${key}`)
          .then((answer) => lines.current.set(key, answer))
          .catch(() => lines.current.delete(key))
          .finally(() => setLinesRead((n) => n + 1));
      }
      return known && known !== 'loading' ? known : null;
    };
    o.buses.forEach((bus, index) => {
      const colour = bus.inService ? BUS_COLOURS[index % BUS_COLOURS.length] : '#6b7280';
      const shift = currentShift(bus, at);
      const lastStop = byId.get(shift?.lastStopId ?? bus.depotStopId);
      const where: [number, number] | null = bus.position ? [bus.position.lat, bus.position.lon] : lastStop ? [lastStop.lat, lastStop.lon] : null;
      const ahead = bus.inService ? stopsAhead(bus, at).map((s) => s.stopId) : [];
      const ids = [...(bus.position ? [] : lastStop ? [lastStop.id] : []), ...ahead].filter((id, i, all) => i === 0 || all[i - 1] !== id);
      const line = ids.length > 1 ? lineThrough(ids) : null;
      const path: Array<[number, number]> = line ? line.coordinates.map(([lon, lat]) => [lat, lon]) : ids.map((id) => byId.get(id)).filter((x): x is Stop => Boolean(x)).map((x) => [x.lat, x.lon]);
      if (bus.position && where) path.unshift(where);
      if (path.length > 1) L.polyline(path, { color: colour, weight: 3, opacity: 0.85, dashArray: line?.road ? undefined : '8 6', interactive: false }).addTo(group);
      if (!where) return;
      const late = lateMinutes(o, bus);
      const label = bus.inService
        ? t('desk.map.busTip', { bus: bus.label, load: loadNow(o, bus), seats: bus.seats }) + (late ? ` · ${t('desk.map.late', { min: late })}` : '')
        : t('desk.map.busOut', { bus: bus.label });
      L.circleMarker(where, { radius: 10, color: colour, weight: 4, fillColor: bus.position ? colour : '#ffffff', fillOpacity: 1 })
        .bindTooltip(textElement(label), { permanent: true, direction: index % 2 ? 'left' : 'right', offset: [index % 2 ? -10 : 10, (Math.floor(index / 2) % 3 - 1) * 12], className: `map-bus-tip${late ? ' map-bus-tip--late' : ''}` })
        .addTo(group);
    });
    outlineBounds.current = outline.getBounds();
    if (!fitted.current) {
      m.fitBounds(outline.getBounds(), { padding: [12, 12], animate: false });
      fitted.current = true;
    }
  }, [props.overview, stops, settings, t, linesRead]);

  return (
    <figure class="desk-map">
      <div class="desk-map__canvas" ref={box} aria-hidden="true" />
      <figcaption class="desk-map__legend">
        <span class="kern-body kern-body--small">{t('desk.map.legend')}</span>
        {settings?.mapTileUrl && settings.mapAttribution && <span class="kern-body kern-body--small"> {t('desk.map.tiles', { attribution: settings.mapAttribution })}</span>}
      </figcaption>
    </figure>
  );
}
