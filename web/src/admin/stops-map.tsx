import 'leaflet/dist/leaflet.css';
import L from 'leaflet';
import { useEffect, useRef } from 'preact/hooks';
import { useI18n } from '../i18n';
import { createMap, onPointChosen, useLeafletMap } from '../lib/leaflet-map';
import type { AdminStop, AreaBoundary } from './admin-api';

const round = (degrees: number) => Math.round(degrees * 1e6) / 1e6;

/**
 * An area's stops on a map: a click (or Enter at the cross) places a new stop there; dragging a stop
 * moves it (saved from the form beside, where the coordinates can also be typed). Markers are not
 * tab stops: the list beside the map does everything the markers do.
 */
export default function StopsMap(props: { boundary: AreaBoundary; stops: AdminStop[]; selectedId: string | null; onPlace: (lat: number, lon: number) => void; onMove: (stop: AdminStop, lat: number, lon: number) => void }) {
  const { t } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  const markers = useRef<L.LayerGroup | null>(null);
  const handlers = useRef(props);
  handlers.current = props;

  const { settings } = useLeafletMap(box, (container, settings) => {
    const m = createMap(container, settings, { keyboard: true, zoomSnap: 0.5, doubleClickZoom: false });
    const outline = L.geoJSON(props.boundary, { style: { color: '#1d2e6b', weight: 2, fillOpacity: 0.05 }, interactive: false }).addTo(m);
    m.fitBounds(outline.getBounds(), { padding: [16, 16], animate: false });
    markers.current = L.layerGroup().addTo(m);
    onPointChosen(m, (at) => handlers.current.onPlace(round(at.lat), round(at.lng)));
    return m;
  });

  useEffect(() => {
    const group = markers.current;
    if (!group) return;
    group.clearLayers();
    for (const stop of props.stops) {
      const selected = stop.id === props.selectedId;
      const icon = L.divIcon({ className: `stop-marker${stop.active ? '' : ' stop-marker--inactive'}${selected ? ' stop-marker--selected' : ''}`, iconSize: selected ? [22, 22] : [16, 16] });
      const marker = L.marker([stop.lat, stop.lon], { icon, draggable: true, keyboard: false, title: stop.name, autoPan: true });
      marker.on('dragend', () => {
        const at = marker.getLatLng();
        handlers.current.onMove(stop, round(at.lat), round(at.lng));
      });
      marker.addTo(group);
    }
  }, [props.stops, props.selectedId, settings]);

  return (
    <div class="stop-map">
      <p class="kern-body" id="stops-map-help">{t('admin.stops.mapHelp')}</p>
      <div class="stop-map__canvas stops-map" ref={box} role="region" aria-label={t('admin.stops.mapLabel')} aria-describedby="stops-map-help" />
    </div>
  );
}
