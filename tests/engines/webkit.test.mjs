// The person-level page tests (tests/engines/person.mjs) in webkit.
//   node --test tests/engines/webkit.test.mjs          (needs `make package` and target/debug/roster-check)
import { personTests } from "./person.mjs";

personTests("webkit");
