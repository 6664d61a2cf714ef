/** The shapes of the /v1 answers the app reads (see the README's API section). */

export interface User {
  id: string;
  name: string;
  phone: string;
  role: string;
}

export interface SessionAnswer {
  user: User | null;
  csrfToken: string | null;
}

/** A bus as the operator and the desk see it. */
export interface Vehicle {
  id: string;
  label: string;
  seats: number;
  wheelchairPlaces: number;
  depotStopId: string;
  inService: boolean;
}

export interface Stop {
  id: string;
  areaId: string;
  code: string;
  name: string;
  village: string;
  lat: number;
  lon: number;
  wheelchairAccessible: boolean;
}

export interface BookingRules {
  minLeadMin: number;
  maxHorizonDays: number;
  cancellationCutoffMin: number;
  pickupWindowMin: number;
  maxActiveBookingsPerRider: number;
  maxSeats?: number;
}

export type OperatingHours = Record<string, Array<{ from: string; to: string }>>;

export interface Area {
  id: string;
  name: string;
  timeZone: string;
  operatingHours: OperatingHours;
  rules: BookingRules;
  hotline: string | null;
  infoUrl?: string | null;
  bounds?: [number, number, number, number];
}

export interface StopView {
  stopId: string;
  code?: string;
  name?: string;
  village?: string;
  lat?: number;
  lon?: number;
}

export type BookingStatus = 'pending' | 'offered' | 'confirmed' | 'assigned' | 'on_board' | 'completed' | 'rejected' | 'cancelled' | 'no_show';

export interface Alternative {
  departAfter?: string;
  arriveBy?: string;
}

export interface Booking {
  id: string;
  status: BookingStatus;
  pickup: StopView;
  dropoff: StopView;
  departAfter?: string | null;
  arriveBy?: string | null;
  seats: number;
  wheelchairs: number;
  note: string | null;
  offer: { pickupWindow: { from: string; to: string }; latestArrival: string; maxRideMinutes: number | null; estimated: boolean } | null;
  rejection: { reason: string; alternatives: Alternative[] } | null;
  statusUrl?: string;
  eta?: { pickupAt: string | null; dropoffAt: string; late: boolean; bus?: { lat: number; lon: number; reportedAt: string } | null } | null;
}

export interface ClientSettings {
  mapTileUrl: string | null;
  mapAttribution: string | null;
  smsDemo: boolean;
}
