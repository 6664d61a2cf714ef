import type { BookingStatus, StopView, Vehicle } from '../types';

/** The shapes of GET /v1/dispatch/overview (see the README's dispatcher section). */
export interface PlanStop {
  bookingId: string;
  kind: 'pickup' | 'dropoff';
  stopId: string;
  plannedAt: string;
  stopName: string | null;
}

export interface DeskShift {
  shiftId: string;
  startAt: string;
  endAt: string;
  planVersion: number;
  committedStops: number;
  lastStopId: string | null;
  stops: PlanStop[];
}

export interface DeskBus extends Vehicle {
  outOfServiceReason: string | null;
  position: { lat: number; lon: number; at: string | null } | null;
  shifts: DeskShift[];
}

export interface DeskBooking {
  id: string;
  status: BookingStatus;
  riderId: string;
  pickup: StopView;
  dropoff: StopView;
  departAfter?: string;
  arriveBy?: string;
  seats: number;
  wheelchairs: number;
  note: string | null;
  offer: { pickupWindow: { from: string; to: string }; latestArrival: string; vehicleId: string | null } | null;
  rejection: { reason: string | null } | null;
  locked: boolean;
  createdAt: string;
}

export interface LateBooking extends DeskBooking {
  late: { stop: 'pickup' | 'dropoff'; plannedAt: string; promisedBy: string; bySeconds: number };
}

export interface DayKpis {
  served: number;
  rejected: number;
  pooledShare: number | null;
  punctuality: number | null;
  drivenKm: number;
  plannedKm: number;
}

export interface Overview {
  areaId: string;
  area: { name: string; timeZone: string; polygon: { type: 'Polygon'; coordinates: number[][][] } };
  at: string;
  day: { from: string; to: string };
  buses: DeskBus[];
  riders: Array<{ id: string; name: string }>;
  bookings: {
    carried: DeskBooking[];
    pending: DeskBooking[];
    offered: DeskBooking[];
    rejected: DeskBooking[];
    needingAttention: DeskBooking[];
    late: LateBooking[];
  };
  kpis: DayKpis;
}
