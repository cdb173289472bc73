"""Learning from coders' judgements: sentence classifiers that suggest what rules miss."""
