export * from './service-areas';
export * from './users';
export * from './fleet';
export * from './bookings';
export * from './plans';
export * from './accounts';
export * from './admin';
