import 'leaflet/dist/leaflet.css';
import L from 'leaflet';
import { useEffect, useRef } from 'preact/hooks';
import { useI18n } from '../i18n';
import { createMap, onPointChosen, useLeafletMap } from '../lib/leaflet-map';
import type { AreaBoundary } from './admin-api';

const GERMANY: L.LatLngBoundsLiteral = [[47.3, 5.9], [55.0, 15.0]];

/**
 * The boundary on a map. While drawing, a click (or Enter, for the point under the cross in the
 * middle) adds a corner; the shape so far is drawn as a line. Other areas are drawn grey for orientation.
 */
export default function BoundaryMap(props: { boundary: AreaBoundary | null; others: AreaBoundary[]; drawing: boolean; points: Array<[number, number]>; onPoint: (lonLat: [number, number]) => void }) {
  const { t } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  const layers = useRef<L.LayerGroup | null>(null);
  const state = useRef(props);
  state.current = props;

  const { map, settings } = useLeafletMap(box, (container, settings) => {
    const m = createMap(container, settings, { keyboard: true, zoomSnap: 0.5, doubleClickZoom: false });
    const shown = [props.boundary, ...props.others].filter((b): b is AreaBoundary => b !== null);
    const bounds = shown.length > 0 ? L.geoJSON(shown.map((geometry) => ({ type: 'Feature', properties: {}, geometry }))).getBounds() : L.latLngBounds(GERMANY);
    m.fitBounds(bounds, { padding: [16, 16], animate: false });
    for (const other of props.others) L.geoJSON(other, { style: { color: '#6b6b6b', weight: 1, dashArray: '4 4', fillOpacity: 0.05 }, interactive: false }).addTo(m);
    layers.current = L.layerGroup().addTo(m);
    const add = (at: L.LatLng) => {
      if (state.current.drawing) state.current.onPoint([round(at.lng), round(at.lat)]);
    };
    onPointChosen(m, add);
    return m;
  });

  useEffect(() => {
    const group = layers.current;
    if (!group) return;
    group.clearLayers();
    if (props.drawing) {
      const line = props.points.map(([lon, lat]) => [lat, lon] as L.LatLngTuple);
      L.polyline(line, { color: '#1d2e6b', weight: 3, interactive: false }).addTo(group);
      for (const at of line) L.circleMarker(at, { radius: 5, color: '#1d2e6b', fillColor: '#ffd166', fillOpacity: 1, interactive: false }).addTo(group);
    } else if (props.boundary) {
      const shape = L.geoJSON(props.boundary, { style: { color: '#1d2e6b', weight: 3, fillOpacity: 0.15 }, interactive: false }).addTo(group);
      // An uploaded boundary may lie anywhere: show it whole.
      if (!map.current?.getBounds().contains(shape.getBounds())) map.current?.fitBounds(shape.getBounds(), { padding: [16, 16], animate: false });
    }
  }, [props.boundary, props.drawing, props.points, settings]);

  return (
    <div class="stop-map">
      <p class="kern-body" id="boundary-map-help">{t(props.drawing ? 'admin.boundary.mapHelpDrawing' : 'admin.boundary.mapHelp')}</p>
      <div class="stop-map__canvas boundary-map" ref={box} role="region" aria-label={t('admin.boundary.mapLabel')} aria-describedby="boundary-map-help" />
    </div>
  );
}

/** Six decimals: about 10 cm, more than a hand on a map can mean. */
const round = (degrees: number) => Math.round(degrees * 1e6) / 1e6;
