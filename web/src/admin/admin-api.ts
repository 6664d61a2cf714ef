import { api, get, RawBody } from '../api';
import type { BookingRules, OperatingHours, Stop, Vehicle } from '../types';

/** The operator API's answers (/v1/admin, README "Setting up a new county") as the pages read them. */

export type AreaBoundary =
  | { type: 'Polygon'; coordinates: Array<Array<[number, number]>> }
  | { type: 'MultiPolygon'; coordinates: Array<Array<Array<[number, number]>>> };

export interface AdminRules extends Omit<BookingRules, 'maxSeats'> {
  maxRideAlpha: number;
  maxRideBetaMin: number;
  /** The largest party of one booking; none: the largest bus decides. */
  maxPartySize?: number;
}

export interface AdminArea {
  id: string;
  name: string;
  timeZone: string;
  boundary: AreaBoundary;
  operatingHours: OperatingHours;
  operatingExceptions: Array<{ date: string; spans: Array<{ from: string; to: string }>; note?: string }>;
  rules: AdminRules;
  hotline: string | null;
  infoUrl: string | null;
}

/** A stop as the operator sees it: also the inactive ones. */
export interface AdminStop extends Omit<Stop, 'areaId'> {
  active: boolean;
}

export type AdminVehicle = Vehicle;

/** A break within a weekly shift, local HH:MM. */
export interface TemplateBreak {
  from: string;
  to: string;
}

export interface ShiftTemplate {
  id: string;
  weekdays: number[];
  startTime: string;
  endTime: string;
  startDepotStopId: string;
  endDepotStopId: string;
  breaks: TemplateBreak[];
  active: boolean;
}

/** A dated shift as the shift calendar shows it (GET /v1/admin/areas/:areaId/shifts). */
export interface CalendarShift {
  id: string;
  vehicleId: string;
  /** The local date it starts on. */
  date: string;
  startAt: string;
  endAt: string;
  breaks: Array<{ startAt: string; endAt: string }>;
  templateId: string | null;
  started: boolean;
  cancelledAt: string | null;
  cancelReason: string | null;
}

export interface ShiftCalendar {
  timeZone: string;
  from: string;
  to: string;
  items: CalendarShift[];
}

/** What happened to the booked rides when shifts changed or were cancelled: moved to other buses, or left for the desk. */
export interface RidesReport {
  reassigned: Array<{ bookingId: string }>;
  unplaceable: Array<{ bookingId: string }>;
}

const items = <T>(path: string) => get<{ items: T[] }>(path).then((answer) => answer.items);

export const loadAdminAreas = () => items<AdminArea>('/v1/admin/areas');
export const loadAdminArea = (id: string) => get<AdminArea>(`/v1/admin/areas/${id}`);
export const loadAdminStops = (areaId: string) => items<AdminStop>(`/v1/admin/areas/${areaId}/stops`);
export const loadVehicles = (areaId: string) => items<AdminVehicle>(`/v1/admin/areas/${areaId}/vehicles`);
export const loadShiftCalendar = (areaId: string) => get<ShiftCalendar>(`/v1/admin/areas/${areaId}/shifts`);
export const loadTemplates = (vehicleId: string) => items<ShiftTemplate>(`/v1/admin/vehicles/${vehicleId}/shift-templates`);

/** A change with the operator's reason, for the event log; the answer is the changed thing. */
export const change = <T>(method: 'POST' | 'PATCH', path: string, body: Record<string, unknown>) => api<T>(method, path, body).then((r) => r.body);

/** What a stops.txt upload did (POST /v1/admin/areas/:id/stops/gtfs). */
export interface StopsFileResult {
  inserted: number;
  updated: number;
  moved: number;
  unchanged: number;
  outside: Array<{ code: string; name: string }>;
}

/** A refused line of a stops.txt (the `lines` of a 400 gtfs-stops-invalid). */
export interface StopsFileLine {
  line: number;
  field: string;
  problem: 'not-csv' | 'missing-column' | 'unclosed-quote' | 'required' | 'not-decimal' | 'out-of-range' | 'duplicate';
}

export const uploadStopsFile = (areaId: string, text: string, reason: string) =>
  api<StopsFileResult>('POST', `/v1/admin/areas/${areaId}/stops/gtfs?reason=${encodeURIComponent(reason)}`, new RawBody(text, 'text/csv')).then((r) => r.body);

/** Whether the area's travel times are those of today's stops (GET /v1/admin/areas/:id/matrix). */
export interface MatrixState {
  state: 'current' | 'building' | 'stale';
  stops: number;
  progress?: { done: number; total: number };
  builtAt?: string;
  estimated?: boolean;
}

export const loadMatrixState = (areaId: string) => get<MatrixState>(`/v1/admin/areas/${areaId}/matrix`);
