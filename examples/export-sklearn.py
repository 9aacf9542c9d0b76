#!/usr/bin/env python3
"""Export scikit-learn models to netsift's model JSON (src/ml/MODELS.md) for inline scoring.

netsift scores flows in WASM with logistic regression, small MLPs and tree ensembles; this script
turns the scikit-learn equivalents into the same JSON, so a model trained in Python scores flows
inline (`netsift read FILE --model model.json`) with the same probabilities as predict_proba.

Supported (alone or as the last step of a Pipeline):
  * LogisticRegression (binary, or multinomial: lbfgs/newton-cg/sag/saga, not one-vs-rest)
  * MLPClassifier (relu, tanh or logistic hidden layers)
  * RandomForestClassifier, ExtraTreesClassifier, DecisionTreeClassifier
Optional Pipeline steps before it: FunctionTransformer(signed_log1p) (defined below: sign(x) *
log1p(|x|)), then StandardScaler. Tree ensembles take raw features (no scaler).

Usage:
  # train in Python on `netsift features --labels` output, export, and (optionally) write
  # predict_proba of every row so the scores can be compared:
  python3 examples/export-sklearn.py train flows.csv --model logistic -o model.json [--proba proba.csv]
  # export an estimator saved with joblib/pickle, columns taken from a feature CSV header:
  python3 examples/export-sklearn.py export model.joblib --columns flows.csv -o model.json
  # from Python:
  from export_sklearn import export; json.dump(export(pipeline, columns), open('m.json', 'w'))
"""
import argparse
import csv
import json
import pickle
import sys

import numpy as np

FORMAT = 'netsift-model/v1'
ID_COLUMNS = {'flow_id', 'start_ns', 'end_ns', 'src_ip', 'src_port', 'dest_ip', 'dest_port', 'proto'}


def signed_log1p(x):
    """sign(x) * log1p(|x|): netsift's "slog" input transform (heavy-tailed rates and sizes)."""
    return np.sign(x) * np.log1p(np.abs(x))


def _split_pipeline(est):
    """(transform, mean, scale, final estimator) of an estimator or Pipeline."""
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import FunctionTransformer, StandardScaler

    transform, scaler = 'none', None
    steps = [s for _, s in est.steps] if isinstance(est, Pipeline) else [est]
    for s in steps[:-1]:
        if isinstance(s, FunctionTransformer):
            if getattr(s.func, '__name__', '') != 'signed_log1p':
                raise ValueError('only FunctionTransformer(signed_log1p) is supported')
            transform = 'slog'
        elif isinstance(s, StandardScaler):
            scaler = s
        else:
            raise ValueError(f'unsupported pipeline step {type(s).__name__}')
    return transform, scaler, steps[-1]


def _tree_json(tree, n_classes):
    t = tree.tree_
    value = t.value[:, 0, :]
    left, right = t.children_left, t.children_right
    out = {'feature': [], 'threshold': [], 'left': [], 'right': [], 'value': []}
    for i in range(t.node_count):
        leaf = left[i] == -1
        out['feature'].append(-1 if leaf else int(t.feature[i]))
        out['threshold'].append(0.0 if leaf else float(t.threshold[i]))
        out['left'].append(-1 if leaf else int(left[i]))
        out['right'].append(-1 if leaf else int(right[i]))
        v = value[i]  # every node: leaves give the probabilities, internal nodes the path attribution
        out['value'].append([float(x) for x in v / v.sum()])
    return out


def export(est, columns, benign='benign', name=None):
    """The model JSON (a dict) for a fitted estimator or Pipeline over the feature `columns`."""
    from sklearn.ensemble import ExtraTreesClassifier, RandomForestClassifier
    from sklearn.linear_model import LogisticRegression
    from sklearn.neural_network import MLPClassifier
    from sklearn.tree import DecisionTreeClassifier

    transform, scaler, final = _split_pipeline(est)
    d = len(columns)
    classes = [str(c) for c in final.classes_]
    k = len(classes)
    m = {
        'format': FORMAT,
        'columns': list(columns),
        'classes': classes,
        'benign': benign if benign in classes else None,
        'transform': transform,
        'mean': [float(v) for v in scaler.mean_] if scaler is not None else [0.0] * d,
        'scale': [float(v) for v in scaler.scale_] if scaler is not None else [1.0] * d,
    }
    if isinstance(final, LogisticRegression):
        if getattr(final, 'multi_class', 'auto') == 'ovr' or (k > 2 and final.solver == 'liblinear'):
            raise ValueError('one-vs-rest LogisticRegression is not supported (use multinomial)')
        coef, icpt = final.coef_, final.intercept_
        if k == 2:  # sigmoid(w.z + b) = softmax([0, w.z + b])
            coef = np.vstack([np.zeros(d), coef[0]])
            icpt = np.array([0.0, icpt[0]])
        m.update(kind='logistic', weights=coef.tolist(), bias=icpt.tolist())
    elif isinstance(final, MLPClassifier):
        if final.activation not in ('relu', 'tanh', 'logistic'):
            raise ValueError(f'MLP activation {final.activation} is not supported')
        layers = [{'weights': W.T.tolist(), 'bias': b.tolist()} for W, b in zip(final.coefs_, final.intercepts_)]
        if final.out_activation_ == 'logistic':  # binary: one output unit
            last = layers[-1]
            last['weights'] = [[0.0] * len(last['weights'][0])] + last['weights']
            last['bias'] = [0.0] + last['bias']
        m.update(kind='mlp', activation=final.activation, layers=layers)
    elif isinstance(final, (RandomForestClassifier, ExtraTreesClassifier, DecisionTreeClassifier)):
        if transform != 'none' or scaler is not None:
            raise ValueError('tree models take raw features: no transform or scaler before them')
        trees = final.estimators_ if hasattr(final, 'estimators_') else [final]
        m.update(kind='forest', trees=[_tree_json(t, k) for t in trees])
    else:
        raise ValueError(f'unsupported estimator {type(final).__name__}')
    m['name'] = name or f'sklearn-{m["kind"]}'
    return m


def read_features(path, label='label'):
    with open(path, newline='') as f:
        rows = list(csv.reader(f))
    header = rows[0]
    feat = [i for i, h in enumerate(header) if h not in ID_COLUMNS and h != label]
    X = np.array([[float(r[i]) for i in feat] for r in rows[1:]], dtype=np.float64)
    li = header.index(label) if label in header else None
    y = np.array([r[li] for r in rows[1:]]) if li is not None else None
    return [header[i] for i in feat], X, y


def build(kind, seed):
    from sklearn.ensemble import RandomForestClassifier
    from sklearn.linear_model import LogisticRegression
    from sklearn.neural_network import MLPClassifier
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import FunctionTransformer, StandardScaler

    if kind == 'logistic':
        return make_pipeline(FunctionTransformer(signed_log1p), StandardScaler(),
                             LogisticRegression(max_iter=3000, class_weight='balanced'))
    if kind == 'mlp':
        return make_pipeline(FunctionTransformer(signed_log1p), StandardScaler(),
                             MLPClassifier(hidden_layer_sizes=(32,), max_iter=300, random_state=seed))
    if kind == 'forest':
        return RandomForestClassifier(n_estimators=30, max_depth=14, class_weight='balanced', random_state=seed)
    raise SystemExit(f'unknown --model {kind} (logistic, mlp, forest)')


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest='cmd', required=True)
    t = sub.add_parser('train', help='train on a feature CSV and export')
    t.add_argument('csv')
    t.add_argument('--model', default='logistic', help='logistic, mlp, forest; or a comma list with {model} in -o')
    t.add_argument('--label', default='label')
    t.add_argument('--benign', default='benign')
    t.add_argument('--seed', type=int, default=1)
    t.add_argument('-o', '--output', required=True)
    t.add_argument('--proba', help='write predict_proba of every CSV row here ({model} allowed)')
    e = sub.add_parser('export', help='export a pickled/joblib estimator')
    e.add_argument('model')
    e.add_argument('--columns', required=True, help='feature CSV whose header gives the columns')
    e.add_argument('--label', default='label')
    e.add_argument('--benign', default='benign')
    e.add_argument('-o', '--output', required=True)
    a = ap.parse_args()
    if a.cmd == 'export':
        with open(a.model, 'rb') as f:
            est = pickle.load(f)
        with open(a.columns, newline='') as f:
            header = next(csv.reader(f))
        cols = [h for h in header if h not in ID_COLUMNS and h != a.label]
        with open(a.output, 'w') as f:
            json.dump(export(est, cols, a.benign), f)
        return
    cols, X, y = read_features(a.csv, a.label)
    if y is None:
        raise SystemExit(f'{a.csv}: no {a.label} column')
    for kind in a.model.split(','):
        est = build(kind, a.seed).fit(X, y)
        with open(a.output.replace('{model}', kind), 'w') as f:
            json.dump(export(est, cols, a.benign), f)
        if a.proba:
            with open(a.proba.replace('{model}', kind), 'w') as f:
                w = csv.writer(f, lineterminator='\n')
                w.writerow([str(c) for c in est.classes_])
                for p in est.predict_proba(X):
                    w.writerow([repr(float(v)) for v in p])


if __name__ == '__main__':
    sys.exit(main())
