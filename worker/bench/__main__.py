from worker.bench.cli import main

raise SystemExit(main())
