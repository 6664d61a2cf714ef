/**
 * Dial-a-ride solver for the Eifel taxibus: pure TypeScript, no I/O. See README.md in this folder.
 */
export type {
  Instance, OnboardPassenger, Objective, PlannedStop, PlanInput, Route, Solution, SolveOptions, SolveStats,
  SolverRequest, SolverVehicle, StopRef, StopSpec, Unserved, UnservedReason, Violation,
} from './types';
export { solve } from './solve';
export { SolverInputError } from './problem';
export { FirstOf, MaxIterations, MaxRuntime, NoImprovement, type StoppingRule } from './stopping';
export { checkRoute, checkRoutes, type RouteVerdict } from './check-route';
export { createPlanState, insertRequest, type InsertResult, type PlanState } from './plan-state';
