"""Entry points: the `workbench` command line and the desktop app start (the composition root).

Importing this package caps numpy's BLAS at one thread unless the user set
OPENBLAS_NUM_THREADS: the aligner's matrix products are small, one thread does them as fast
on an idle machine, and on a busy one competing BLAS threads slowed them up to 100x
(bench/README.md). It must happen before numpy is first imported, so it lives here.
"""

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
