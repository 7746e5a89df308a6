process.stderr.write(`T start ${performance.now().toFixed(0)}\n`);
const { main } = await import("./dist/cli/main.js");
process.on("exit", () => process.stderr.write(`T exit ${performance.now().toFixed(0)}\n`));
main(["analyze", process.argv[2], "--variant-column", "Site", "--format", "json"]);
