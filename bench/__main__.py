"""Run every benchmark and print its figures: `python -m bench` (or `make bench`)."""

from bench.aligner import main as aligner_main
from bench.batch import main as batch_main
from bench.ceiling import main as ceiling_main
from bench.conversion import main as conversion_main
from bench.export import main as export_main
from bench.gui import main as gui_main
from bench.reading_view import main as reading_view_main
from bench.realign import main as realign_main
from bench.reliability import main as reliability_main
from bench.segmentation import main as segmentation_main
from bench.sentence_edits import main as sentence_edits_main

aligner_main()
realign_main()
ceiling_main()
export_main()
batch_main()
conversion_main()
sentence_edits_main()
segmentation_main()
reliability_main()
gui_main()
reading_view_main()
