import { afterEach } from 'vitest';
import { runAfterEachTest } from './helpers/after-each-test.js';

// Evaluated again for each test file, also where files share modules: see helpers/after-each-test.ts.
afterEach(runAfterEachTest);
