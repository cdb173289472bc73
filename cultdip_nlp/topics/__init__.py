"""Topic models that find what rules miss: seeded LDA tied to the codebook (gensim).

`prepare` streams the store into bags of words, `seeds` turns codebook patterns into seed
words, `model` trains and measures, `inference` gives shares and topic tags, `labels`,
`validity` and `overview` explain a model, `persistence` keeps it under models/, `stage`
ties them together for the `cultdip topics` verbs in `commands`. See docs/topics.md.
"""
