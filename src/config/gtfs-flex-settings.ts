import type { Config } from './env';

/** The agency and publisher facts of the GTFS-Flex feed, from the settings (publisher defaults to the agency). */
export function gtfsFlexPublisherFrom(config: Config) {
  return {
    agencyName: config.GTFS_AGENCY_NAME,
    agencyUrl: config.GTFS_AGENCY_URL,
    publisherName: config.GTFS_FEED_PUBLISHER_NAME ?? config.GTFS_AGENCY_NAME,
    publisherUrl: config.GTFS_FEED_PUBLISHER_URL ?? config.GTFS_AGENCY_URL,
    bookingUrl: config.GTFS_BOOKING_URL,
    maxWalkM: config.SNAP_MAX_WALK_M,
  };
}
