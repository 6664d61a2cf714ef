import { afterEach } from 'vitest';
import { failOnMismatches } from './openapi-mismatches';

// Every answer a test app gave during the test must be the one the OpenAPI document describes.
afterEach(failOnMismatches);
