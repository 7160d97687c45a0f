// Fixture access for the Gemini codec tests: ours (test/fixtures/gemini), nothing outside the repo.
import { Warnings } from '../../../src/hub/warnings.ts';

export { readFixtureJson } from '../../helpers/fixtures.ts';

export function newWarnings(): Warnings {
  return new Warnings();
}
