// Prints one plain closing line, `tests: N passed, N failed, N skipped`, after vitest's own
// summary, so CI logs carry a count any tool can read, and makes it tell the truth:
// - a test file that failed to load, or whose hooks failed, counts as failed, even when vitest
//   marked its tests skipped;
// - under CI=true a skipped test fails the run: CI is where every test must run. Each one is
//   named, with its file, and counted as failed;
// - elsewhere, skipped tests are explained: what this machine lacks, and how to get it.

import type { Reporter, TestModule } from 'vitest/node';
import { ALL_REQUIREMENTS, IN_CI } from './requirements';

export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    const skippedNames: string[] = [];
    const brokenFiles: string[] = [];
    for (const module of testModules) {
      let failedHere = 0;
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed += 1;
        else if (state === 'failed') failedHere += 1;
        else {
          skipped += 1;
          skippedNames.push(`${module.moduleId.replace(`${process.cwd()}/`, '')} > ${test.fullName}`);
        }
      }
      // A file that failed to load, or a failed beforeAll/afterAll, fails the file without
      // failing any one test: it is a failure all the same.
      if (module.state() === 'failed' && failedHere === 0) {
        failedHere = 1;
        brokenFiles.push(module.moduleId.replace(`${process.cwd()}/`, ''));
      }
      failed += failedHere;
    }
    if (brokenFiles.length > 0) process.stdout.write(`\nfiles that failed outside any test: ${brokenFiles.join(', ')}\n`);
    if (IN_CI && skipped > 0) {
      process.stdout.write(`\nCI runs every test, but ${skipped} were skipped:\n${skippedNames.map((name) => `  - ${name}`).join('\n')}\n`);
      failed += skipped;
      skipped = 0;
      process.exitCode = 1;
    }
    const missing = skipped > 0 ? ALL_REQUIREMENTS.filter((requirement) => !requirement.present()) : [];
    if (missing.length > 0) process.stdout.write(`\n${skipped} skipped, for want of:\n${missing.map((requirement) => `  - ${requirement.name}: ${requirement.remedy}`).join('\n')}\n`);
    const why = skipped === 0 ? '' : missing.length > 0 ? ' (why: above)' : brokenFiles.length > 0 ? ' (in the files that failed outside any test, above)' : ' (skipped in the code: it.skip or .todo)';
    process.stdout.write(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped${why}\n`);
  }
}
