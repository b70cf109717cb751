// The person-level page tests (tests/engines/person.mjs) in firefox.
//   node --test tests/engines/firefox.test.mjs          (needs `make package` and target/debug/roster-check)
import { personTests } from "./person.mjs";

personTests("firefox");
