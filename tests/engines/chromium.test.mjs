// The person-level page tests (tests/engines/person.mjs) in chromium.
//   node --test tests/engines/chromium.test.mjs  (needs `make package` and target/debug/roster-check)
import { personTests } from "./person.mjs";

personTests("chromium");
