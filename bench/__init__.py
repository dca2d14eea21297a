"""Performance benchmark of the wizard: `python -m bench` (or `make bench`).

One table on stdout; see docs/PERFORMANCE.md for what each row measures and the last
results. Modules:
  common         paths, statistics, the table, quiet logging
  reruns         server-side time of a rerun of each page (AppTest) vs. hello world
  documents      DOCX/ZIP/EML (and PDF when dossier/pdf.py is there)
  english        the English-check rows, from english_bench.speed()
  english_bench  the English check (also a script of its own: accuracy and speed)
  gc_probe       the full GC `streamlit run` does after every rerun (AppTest does not)
  browser        cold start and 20 concurrent browser sessions (Playwright + Chromium)
  profile_page   cProfile of one page's rerun, to see where its time goes
"""
