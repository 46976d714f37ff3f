from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'report.html.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_period = resolve('period')
    l_0_boards = resolve('boards')
    l_0_cover = resolve('cover')
    l_0_plans = resolve('plans')
    l_0_as_of = resolve('as_of')
    l_0_as_of_quarter = resolve('as_of_quarter')
    l_0_commit_short = resolve('commit_short')
    l_0_detached = resolve('detached')
    l_0_generated_at = resolve('generated_at')
    l_0_shallow = resolve('shallow')
    l_0_executive_summary = resolve('executive_summary')
    l_0_recommendation = resolve('recommendation')
    l_0_measures = resolve('measures')
    l_0_measure_totals = resolve('measure_totals')
    l_0_t = resolve('t')
    l_0_frameworks = resolve('frameworks')
    l_0_exceptions = resolve('exceptions')
    l_0_changes = resolve('changes')
    l_0_coming_up = resolve('coming_up')
    l_0_chart = resolve('chart')
    l_0_svg_chart = resolve('svg_chart')
    l_0_statuses = resolve('statuses')
    l_0_rag_key = resolve('rag_key')
    l_0_appendix = resolve('appendix')
    l_0_since = l_0_until = l_0_counts_cells = l_0_counts_head = l_0_rag = l_0_m = l_0_f = l_0_c = l_0_change_table = missing
    try:
        t_1 = environment.filters['age']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'age' found.")
    try:
        t_2 = environment.filters['arrow']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'arrow' found.")
    try:
        t_3 = environment.filters['capitalize']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'capitalize' found.")
    try:
        t_4 = environment.filters['format']
    except KeyError:
        @internalcode
        def t_4(*unused):
            raise TemplateRuntimeError("No filter named 'format' found.")
    try:
        t_5 = environment.filters['href']
    except KeyError:
        @internalcode
        def t_5(*unused):
            raise TemplateRuntimeError("No filter named 'href' found.")
    try:
        t_6 = environment.filters['join']
    except KeyError:
        @internalcode
        def t_6(*unused):
            raise TemplateRuntimeError("No filter named 'join' found.")
    try:
        t_7 = environment.filters['length']
    except KeyError:
        @internalcode
        def t_7(*unused):
            raise TemplateRuntimeError("No filter named 'length' found.")
    try:
        t_8 = environment.filters['list']
    except KeyError:
        @internalcode
        def t_8(*unused):
            raise TemplateRuntimeError("No filter named 'list' found.")
    try:
        t_9 = environment.filters['lower']
    except KeyError:
        @internalcode
        def t_9(*unused):
            raise TemplateRuntimeError("No filter named 'lower' found.")
    try:
        t_10 = environment.filters['map']
    except KeyError:
        @internalcode
        def t_10(*unused):
            raise TemplateRuntimeError("No filter named 'map' found.")
    try:
        t_11 = environment.filters['num']
    except KeyError:
        @internalcode
        def t_11(*unused):
            raise TemplateRuntimeError("No filter named 'num' found.")
    try:
        t_12 = environment.filters['rejectattr']
    except KeyError:
        @internalcode
        def t_12(*unused):
            raise TemplateRuntimeError("No filter named 'rejectattr' found.")
    try:
        t_13 = environment.filters['safe']
    except KeyError:
        @internalcode
        def t_13(*unused):
            raise TemplateRuntimeError("No filter named 'safe' found.")
    try:
        t_14 = environment.filters['selectattr']
    except KeyError:
        @internalcode
        def t_14(*unused):
            raise TemplateRuntimeError("No filter named 'selectattr' found.")
    try:
        t_15 = environment.filters['sort']
    except KeyError:
        @internalcode
        def t_15(*unused):
            raise TemplateRuntimeError("No filter named 'sort' found.")
    try:
        t_16 = environment.tests['defined']
    except KeyError:
        @internalcode
        def t_16(*unused):
            raise TemplateRuntimeError("No test named 'defined' found.")
    try:
        t_17 = environment.tests['none']
    except KeyError:
        @internalcode
        def t_17(*unused):
            raise TemplateRuntimeError("No test named 'none' found.")
    pass
    l_0_since = environment.getattr((undefined(name='period') if l_0_period is missing else l_0_period), 'since')
    context.vars['since'] = l_0_since
    context.exported_vars.add('since')
    l_0_until = environment.getattr((undefined(name='period') if l_0_period is missing else l_0_period), 'until')
    context.vars['until'] = l_0_until
    context.exported_vars.add('until')
    yield '<!DOCTYPE html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n<title>'
    yield escape(environment.finalize((t_6(context.eval_ctx, (undefined(name='boards') if l_0_boards is missing else l_0_boards), ' / ') if (undefined(name='boards') if l_0_boards is missing else l_0_boards) else 'Board')))
    yield ': action plan progress report</title>\n<style>\n  body { font-family: Arial, Helvetica, sans-serif; font-size: 11pt; line-height: 1.4; margin: 2em auto; max-width: 60em; color: #111; }\n  h1 { font-size: 18pt; margin-bottom: .2em; }\n  h2 { font-size: 14pt; border-bottom: 2px solid #003087; padding-bottom: .1em; margin-top: 1.6em; }\n  h3 { font-size: 12pt; margin-top: 1.2em; }\n  table { border-collapse: collapse; width: 100%; margin: .5em 0 1em; }\n  th, td { border: 1px solid #999; padding: .25em .4em; vertical-align: top; text-align: left; }\n  th { background: #e8edf5; }\n  td.n, th.n { text-align: right; }\n  td.id, td.date { white-space: nowrap; }\n  table.cover th { width: 12em; }\n  .rag { display: inline-block; padding: 0 .4em; border-radius: .2em; color: #fff; font-weight: bold; }\n  .rag-green { background: #2e7d32; } .rag-amber { background: #f9a825; color: #111; }\n  .rag-red { background: #c62828; } .rag-blue { background: #1565c0; } .rag-grey { background: #757575; }\n  .warning { border: 2px solid #c62828; padding: .5em 1em; }\n  .muted { color: #555; }\n  tr.detail td { background: #f7f7f7; }\n  ul.key { list-style: none; padding-left: 0; }\n  ul.key li { margin: .2em 0; }\n  @media print {\n    body { margin: 0; max-width: none; font-size: 10pt; }\n    h2, h3 { break-after: avoid; page-break-after: avoid; }\n    tr, .keep, svg { break-inside: avoid; page-break-inside: avoid; }\n    p { orphans: 3; widows: 3; }\n    thead { display: table-header-group; }\n    a { color: inherit; text-decoration: none; }\n    @page { size: A4; margin: 18mm 15mm; }\n  }\n</style>\n</head>\n<body>\n<h1>'
    yield escape(environment.finalize((t_6(context.eval_ctx, (undefined(name='boards') if l_0_boards is missing else l_0_boards), ' / ') if (undefined(name='boards') if l_0_boards is missing else l_0_boards) else 'Board')))
    yield ': action plan progress report</h1>\n<table class="cover">\n'
    if environment.getattr((undefined(name='cover') if l_0_cover is missing else l_0_cover), 'meeting'):
        pass
        yield '<tr><th>Meeting</th><td>'
        yield escape(environment.finalize(environment.getattr((undefined(name='cover') if l_0_cover is missing else l_0_cover), 'meeting')))
        yield '</td></tr>\n'
    yield '<tr><th>Purpose</th><td>'
    yield escape(environment.finalize(environment.getattr((undefined(name='cover') if l_0_cover is missing else l_0_cover), 'purpose_label')))
    yield '</td></tr>\n'
    if environment.getattr((undefined(name='cover') if l_0_cover is missing else l_0_cover), 'author'):
        pass
        yield '<tr><th>Author</th><td>'
        yield escape(environment.finalize(environment.getattr((undefined(name='cover') if l_0_cover is missing else l_0_cover), 'author')))
        yield '</td></tr>\n'
    yield '<tr><th>Plans</th><td>'
    l_1_loop = missing
    for l_1_p, l_1_loop in LoopContext((undefined(name='plans') if l_0_plans is missing else l_0_plans), undefined):
        _loop_vars = {}
        pass
        yield escape(environment.finalize(environment.getattr(l_1_p, 'title')))
        yield escape(environment.finalize(('; ' if (not environment.getattr(l_1_loop, 'last')) else cond_expr_undefined("the inline if-expression on line 49 in 'report.html.j2' evaluated to false and no else section was defined."))))
    l_1_loop = l_1_p = missing
    yield '</td></tr>\n<tr><th>Organisations</th><td>'
    l_1_loop = missing
    for l_1_p, l_1_loop in LoopContext((undefined(name='plans') if l_0_plans is missing else l_0_plans), undefined):
        _loop_vars = {}
        pass
        yield escape(environment.finalize(environment.getattr(l_1_p, 'organisation')))
        yield escape(environment.finalize(('; ' if (not environment.getattr(l_1_loop, 'last')) else cond_expr_undefined("the inline if-expression on line 50 in 'report.html.j2' evaluated to false and no else section was defined."))))
    l_1_loop = l_1_p = missing
    yield '</td></tr>\n<tr><th>Period covered</th><td>'
    if (undefined(name='since') if l_0_since is missing else l_0_since):
        pass
        yield escape(environment.finalize(environment.getattr((undefined(name='since') if l_0_since is missing else l_0_since), 'date')))
        yield ' ('
        yield escape(environment.finalize(environment.getattr((undefined(name='since') if l_0_since is missing else l_0_since), 'quarter')))
        yield ')'
        if environment.getattr((undefined(name='period') if l_0_period is missing else l_0_period), 'board_tag'):
            pass
            yield ', board tag <code>'
            yield escape(environment.finalize(environment.getattr((undefined(name='period') if l_0_period is missing else l_0_period), 'board_tag')))
            yield '</code>'
    else:
        pass
        yield "start of the plan's history"
    yield ' → '
    yield escape(environment.finalize(environment.getattr((undefined(name='until') if l_0_until is missing else l_0_until), 'date')))
    yield ' ('
    yield escape(environment.finalize(environment.getattr((undefined(name='until') if l_0_until is missing else l_0_until), 'quarter')))
    yield ')</td></tr>\n<tr><th>Position as at</th><td>'
    yield escape(environment.finalize((undefined(name='as_of') if l_0_as_of is missing else l_0_as_of)))
    yield ' ('
    yield escape(environment.finalize((undefined(name='as_of_quarter') if l_0_as_of_quarter is missing else l_0_as_of_quarter)))
    yield ')</td></tr>\n<tr><th>Commit</th><td><code>'
    yield escape(environment.finalize((undefined(name='commit_short') if l_0_commit_short is missing else l_0_commit_short)))
    yield '</code>'
    if (undefined(name='detached') if l_0_detached is missing else l_0_detached):
        pass
        yield ' (detached HEAD)'
    yield '</td></tr>\n<tr><th>Generated</th><td>'
    yield escape(environment.finalize((undefined(name='generated_at') if l_0_generated_at is missing else l_0_generated_at)))
    yield '</td></tr>\n</table>\n'
    if (undefined(name='shallow') if l_0_shallow is missing else l_0_shallow):
        pass
        yield '<p class="warning"><strong>Partial history.</strong> This report was built from a shallow clone: changes before its oldest commit are missing. Fetch the full history and render it again before publishing.</p>\n'
    yield '\n<h2>Executive summary</h2>\n<p>'
    yield escape(environment.finalize(t_6(context.eval_ctx, (undefined(name='executive_summary') if l_0_executive_summary is missing else l_0_executive_summary), ' ')))
    yield '</p>\n\n<h2>1. Purpose</h2>\n<p>This paper reports progress against the action plan'
    yield escape(environment.finalize(('s' if (t_7((undefined(name='plans') if l_0_plans is missing else l_0_plans)) > 1) else cond_expr_undefined("the inline if-expression on line 64 in 'report.html.j2' evaluated to false and no else section was defined."))))
    yield ' '
    if (undefined(name='since') if l_0_since is missing else l_0_since):
        pass
        yield 'from '
        yield escape(environment.finalize(environment.getattr((undefined(name='since') if l_0_since is missing else l_0_since), 'date')))
    else:
        pass
        yield 'from the start of the recorded history'
    yield ' to '
    yield escape(environment.finalize(environment.getattr((undefined(name='until') if l_0_until is missing else l_0_until), 'date')))
    yield ': where each plan stands, what is off track and why, what changed and who changed it, and what falls due next.</p>\n<p><strong>Recommendation ('
    yield escape(environment.finalize(t_9(environment.getattr((undefined(name='recommendation') if l_0_recommendation is missing else l_0_recommendation), 'label'))))
    yield '):</strong> '
    yield escape(environment.finalize(environment.getattr((undefined(name='recommendation') if l_0_recommendation is missing else l_0_recommendation), 'text')))
    yield '</p>\n'
    if environment.getattr((undefined(name='recommendation') if l_0_recommendation is missing else l_0_recommendation), 'decisions'):
        pass
        yield '<ol class="decisions">\n'
        for l_1_d in environment.getattr((undefined(name='recommendation') if l_0_recommendation is missing else l_0_recommendation), 'decisions'):
            _loop_vars = {}
            pass
            yield '<li><strong>'
            yield escape(environment.finalize(environment.getattr(l_1_d, 'id')))
            yield '</strong> '
            yield escape(environment.finalize(environment.getattr(l_1_d, 'title')))
            yield ': '
            yield escape(environment.finalize(environment.getattr(l_1_d, 'decision')))
            yield '</li>\n'
        l_1_d = missing
        yield '</ol>\n'
    yield '\n'
    def macro(l_1_x):
        t_18 = environment.bounded_buffer()
        if l_1_x is missing:
            l_1_x = undefined("parameter 'x' was not provided", name='x')
        pass
        for l_2_s in (undefined(name='statuses') if l_0_statuses is missing else l_0_statuses):
            _loop_vars = {}
            pass
            t_18.extend((
                '<td class="n">',
                escape(environment.finalize(environment.getitem(environment.getattr(l_1_x, 'counts'), l_2_s))),
                '</td>',
            ))
        l_2_s = missing
        t_18.extend((
            '<td class="n">',
            escape(environment.finalize(t_4('%.0f', environment.getattr(l_1_x, 'percent_complete')))),
            '%</td><td class="n">',
            escape(environment.finalize(environment.getattr(l_1_x, 'overdue'))),
            '</td>',
        ))
        return concat(t_18)
    context.exported_vars.add('counts_cells')
    context.vars['counts_cells'] = l_0_counts_cells = Macro(environment, macro, 'counts_cells', ('x',), False, False, False, context.eval_ctx.autoescape)
    def macro():
        t_19 = environment.bounded_buffer()
        pass
        t_19.append(
            '<th class="n">Actions</th>',
        )
        for l_2_s in (undefined(name='statuses') if l_0_statuses is missing else l_0_statuses):
            _loop_vars = {}
            pass
            t_19.extend((
                '<th class="n">',
                escape(environment.finalize(l_2_s)),
                '</th>',
            ))
        l_2_s = missing
        t_19.append(
            '<th class="n">% complete</th><th class="n">Overdue</th>',
        )
        return concat(t_19)
    context.exported_vars.add('counts_head')
    context.vars['counts_head'] = l_0_counts_head = Macro(environment, macro, 'counts_head', (), False, False, False, context.eval_ctx.autoescape)
    yield '<h2>2. Summary</h2>\n<table>\n<thead><tr><th>Plan</th>'
    yield escape(environment.finalize(environment.call(context, (undefined(name='counts_head') if l_0_counts_head is missing else l_0_counts_head))))
    yield '<th>Direction of travel</th></tr></thead>\n'
    for l_1_p in (undefined(name='plans') if l_0_plans is missing else l_0_plans):
        _loop_vars = {}
        pass
        yield '<tr><td>'
        yield escape(environment.finalize(environment.getattr(l_1_p, 'title')))
        yield '</td><td class="n">'
        yield escape(environment.finalize(environment.getattr(l_1_p, 'total')))
        yield '</td>'
        yield escape(environment.finalize(environment.call(context, (undefined(name='counts_cells') if l_0_counts_cells is missing else l_0_counts_cells), l_1_p, _loop_vars=_loop_vars)))
        yield '<td>'
        yield escape(environment.finalize((markup_join(environment.check_parts((t_2(environment.getattr(l_1_p, 'direction')), ' ', ))) if t_2(environment.getattr(l_1_p, 'direction')) else cond_expr_undefined("the inline if-expression on line 80 in 'report.html.j2' evaluated to false and no else section was defined."))))
        yield escape(environment.finalize(environment.getattr(l_1_p, 'direction')))
        if environment.getattr(l_1_p, 'previous'):
            pass
            yield ' <span class="muted">(was '
            yield escape(environment.finalize(t_4('%.0f', environment.getattr(environment.getattr(l_1_p, 'previous'), 'percent_complete'))))
            yield '% complete, '
            yield escape(environment.finalize(environment.getattr(environment.getattr(l_1_p, 'previous'), 'exceptions')))
            yield ' exception'
            yield escape(environment.finalize(('s' if (environment.getattr(environment.getattr(l_1_p, 'previous'), 'exceptions') != 1) else cond_expr_undefined("the inline if-expression on line 80 in 'report.html.j2' evaluated to false and no else section was defined."))))
            yield ')</span>'
        yield '</td></tr>\n'
    l_1_p = missing
    yield '</table>\n'
    if (undefined(name='measures') if l_0_measures is missing else l_0_measures):
        pass
        l_0_t = environment.getattr((undefined(name='measure_totals') if l_0_measure_totals is missing else l_0_measure_totals), 'trends')
        context.vars['t'] = l_0_t
        context.exported_vars.add('t')
        yield '<p><strong>Outcome measures:</strong> direction of travel '
        yield escape(environment.finalize((markup_join(environment.check_parts((t_2(environment.getattr((undefined(name='measure_totals') if l_0_measure_totals is missing else l_0_measure_totals), 'direction')), ' ', ))) if t_2(environment.getattr((undefined(name='measure_totals') if l_0_measure_totals is missing else l_0_measure_totals), 'direction')) else cond_expr_undefined("the inline if-expression on line 86 in 'report.html.j2' evaluated to false and no else section was defined."))))
        yield escape(environment.finalize(environment.getattr((undefined(name='measure_totals') if l_0_measure_totals is missing else l_0_measure_totals), 'direction')))
        yield ' — '
        yield escape(environment.finalize(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'improving')))
        yield ' improving, '
        yield escape(environment.finalize(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'worsening')))
        yield ' worsening, '
        yield escape(environment.finalize(environment.getitem((undefined(name='t') if l_0_t is missing else l_0_t), 'no change')))
        yield ' unchanged'
        if environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'none'):
            pass
            yield ', '
            yield escape(environment.finalize(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'none')))
            yield ' without two readings yet'
        yield " (each measure's latest reading against the one before); "
        yield escape(environment.finalize(environment.getattr(environment.getattr((undefined(name='measure_totals') if l_0_measure_totals is missing else l_0_measure_totals), 'counts'), 'green')))
        yield ' green, '
        yield escape(environment.finalize(environment.getattr(environment.getattr((undefined(name='measure_totals') if l_0_measure_totals is missing else l_0_measure_totals), 'counts'), 'amber')))
        yield ' amber, '
        yield escape(environment.finalize(environment.getattr(environment.getattr((undefined(name='measure_totals') if l_0_measure_totals is missing else l_0_measure_totals), 'counts'), 'red')))
        yield ' red, '
        yield escape(environment.finalize(environment.getattr(environment.getattr((undefined(name='measure_totals') if l_0_measure_totals is missing else l_0_measure_totals), 'counts'), 'grey')))
        yield ' grey; '
        yield escape(environment.finalize(environment.getattr((undefined(name='measure_totals') if l_0_measure_totals is missing else l_0_measure_totals), 'late')))
        yield ' with a late reading. See section 4.</p>\n'
    for l_1_p in (undefined(name='plans') if l_0_plans is missing else l_0_plans):
        _loop_vars = {}
        pass
        yield '<h3>'
        yield escape(environment.finalize(environment.getattr(l_1_p, 'title')))
        yield '</h3>\n<table>\n<thead><tr><th>Tier</th>'
        yield escape(environment.finalize(environment.call(context, (undefined(name='counts_head') if l_0_counts_head is missing else l_0_counts_head), _loop_vars=_loop_vars)))
        yield '</tr></thead>\n'
        for l_2_t in environment.getattr(l_1_p, 'tiers'):
            _loop_vars = {}
            pass
            yield '<tr><td>'
            yield escape(environment.finalize(environment.getattr(l_2_t, 'id')))
            yield ' '
            yield escape(environment.finalize(environment.getattr(l_2_t, 'name')))
            yield '</td><td class="n">'
            yield escape(environment.finalize(environment.getattr(l_2_t, 'total')))
            yield '</td>'
            yield escape(environment.finalize(environment.call(context, (undefined(name='counts_cells') if l_0_counts_cells is missing else l_0_counts_cells), l_2_t, _loop_vars=_loop_vars)))
            yield '</tr>\n'
        l_2_t = missing
        yield '<tr><th>All tiers</th><th class="n">'
        yield escape(environment.finalize(environment.getattr(l_1_p, 'total')))
        yield '</th>'
        yield escape(environment.finalize(environment.call(context, (undefined(name='counts_cells') if l_0_counts_cells is missing else l_0_counts_cells), l_1_p, _loop_vars=_loop_vars)))
        yield '</tr>\n</table>\n'
    l_1_p = missing
    yield '\n'
    def macro(l_1_a):
        t_20 = environment.bounded_buffer()
        if l_1_a is missing:
            l_1_a = undefined("parameter 'a' was not provided", name='a')
        pass
        t_20.extend((
            '<span class="rag rag-',
            escape(environment.finalize(environment.getattr(l_1_a, 'rag'))),
            '">',
            escape(environment.finalize(environment.getattr(l_1_a, 'status'))),
            '</span>',
        ))
        return concat(t_20)
    context.exported_vars.add('rag')
    context.vars['rag'] = l_0_rag = Macro(environment, macro, 'rag', ('a',), False, False, False, context.eval_ctx.autoescape)
    l_0_m = (1 if (undefined(name='measures') if l_0_measures is missing else l_0_measures) else 0)
    context.vars['m'] = l_0_m
    context.exported_vars.add('m')
    l_0_f = (1 if (undefined(name='frameworks') if l_0_frameworks is missing else l_0_frameworks) else 0)
    context.vars['f'] = l_0_f
    context.exported_vars.add('f')
    yield '<h2>3. Exceptions</h2>\n'
    if (undefined(name='exceptions') if l_0_exceptions is missing else l_0_exceptions):
        pass
        yield '<p>Every action that is off track, at risk or overdue as at '
        yield escape(environment.finalize((undefined(name='as_of') if l_0_as_of is missing else l_0_as_of)))
        yield '.</p>\n<table>\n<thead><tr><th>Action</th><th>Plan / tier</th><th>Title</th><th>Owner</th><th>Status</th><th>Due</th><th>Latest evidence</th></tr></thead>\n'
        for l_1_a in (undefined(name='exceptions') if l_0_exceptions is missing else l_0_exceptions):
            _loop_vars = {}
            pass
            yield '<tbody class="keep">\n<tr><td class="id">'
            yield escape(environment.finalize(environment.getattr(l_1_a, 'id')))
            yield '</td><td>'
            yield escape(environment.finalize(environment.getattr(l_1_a, 'plan')))
            yield ' / '
            yield escape(environment.finalize(environment.getattr(l_1_a, 'tier')))
            yield '</td><td>'
            yield escape(environment.finalize(environment.getattr(l_1_a, 'title')))
            yield '</td><td>'
            yield escape(environment.finalize((environment.getattr(l_1_a, 'owner') or '—')))
            yield '</td><td>'
            yield escape(environment.finalize(environment.call(context, (undefined(name='rag') if l_0_rag is missing else l_0_rag), l_1_a, _loop_vars=_loop_vars)))
            if environment.getattr(l_1_a, 'overdue'):
                pass
                yield '<br>'
                yield escape(environment.finalize(environment.getattr(l_1_a, 'days_overdue')))
                yield ' days overdue'
            yield '</td><td class="date">'
            if environment.getattr(l_1_a, 'redated'):
                pass
                yield escape(environment.finalize(environment.getattr(l_1_a, 'original_due')))
                yield ' →<br>'
                yield escape(environment.finalize(environment.getattr(l_1_a, 'due')))
            else:
                pass
                yield escape(environment.finalize((environment.getattr(l_1_a, 'due') or '—')))
            yield '</td><td>'
            if environment.getattr(l_1_a, 'latest_evidence'):
                pass
                yield escape(environment.finalize(environment.getattr(environment.getattr(l_1_a, 'latest_evidence'), 'date')))
                yield ' <span class="muted">('
                yield escape(environment.finalize(t_1(environment.getattr(l_1_a, 'evidence_age_days'))))
                yield ')</span>: '
                yield escape(environment.finalize(environment.getattr(environment.getattr(l_1_a, 'latest_evidence'), 'text')))
            else:
                pass
                yield 'none recorded'
            yield '</td></tr>\n'
            if (environment.getattr(l_1_a, 'mitigation') or environment.getattr(l_1_a, 'decision')):
                pass
                yield '<tr class="detail"><td></td><td colspan="6">'
                if environment.getattr(l_1_a, 'mitigation'):
                    pass
                    yield '<strong>Mitigation:</strong> '
                    yield escape(environment.finalize(environment.getattr(l_1_a, 'mitigation')))
                if (environment.getattr(l_1_a, 'mitigation') and environment.getattr(l_1_a, 'decision')):
                    pass
                    yield '<br>'
                if environment.getattr(l_1_a, 'decision'):
                    pass
                    yield '<strong>Decision sought:</strong> '
                    yield escape(environment.finalize(environment.getattr(l_1_a, 'decision')))
                yield '</td></tr>\n'
            yield '</tbody>\n'
        l_1_a = missing
        yield '</table>\n'
    else:
        pass
        yield '<p>No exceptions: nothing is off track, at risk or overdue as at '
        yield escape(environment.finalize((undefined(name='as_of') if l_0_as_of is missing else l_0_as_of)))
        yield '.</p>\n'
    yield '\n'
    if (undefined(name='measures') if l_0_measures is missing else l_0_measures):
        pass
        yield "<h2>4. Outcome measures</h2>\n<p>Each measure's latest reading as at "
        yield escape(environment.finalize((undefined(name='as_of') if l_0_as_of is missing else l_0_as_of)))
        yield ' against the value expected by the reading\'s date (on the straight line from baseline to target, when both are dated) and its target. RAG: at or better than expected is green, worse by no more than the tolerance amber, worse by more red; grey without a target or a reading. Late: no reading for the last period due (30 days\' grace).</p>\n<table>\n<thead><tr><th>Measure</th><th>Plan</th><th class="n">Latest</th><th class="n">Expected</th><th class="n">Target</th><th>RAG</th><th>Trend</th><th>Late</th></tr></thead>\n'
        for l_1_m in (undefined(name='measures') if l_0_measures is missing else l_0_measures):
            _loop_vars = {}
            pass
            yield '<tr><td><strong>'
            yield escape(environment.finalize(environment.getattr(l_1_m, 'id')))
            yield '</strong> '
            yield escape(environment.finalize(environment.getattr(l_1_m, 'title')))
            yield ' ('
            yield escape(environment.finalize(environment.getattr(l_1_m, 'unit')))
            yield ')</td><td>'
            yield escape(environment.finalize(environment.getattr(l_1_m, 'plan')))
            yield '</td><td class="n">'
            if environment.getattr(l_1_m, 'latest'):
                pass
                yield escape(environment.finalize(t_11(environment.getattr(environment.getattr(l_1_m, 'latest'), 'value'))))
                yield '<br><span class="muted">'
                yield escape(environment.finalize(environment.getattr(environment.getattr(l_1_m, 'latest'), 'date')))
                yield '</span>'
            else:
                pass
                yield 'no reading'
            yield '</td><td class="n">'
            yield escape(environment.finalize(t_11(environment.getattr(l_1_m, 'expected'), 2)))
            yield '</td><td class="n">'
            if environment.getattr(l_1_m, 'target'):
                pass
                yield escape(environment.finalize(t_11(environment.getattr(environment.getattr(l_1_m, 'target'), 'value'))))
                if environment.getattr(environment.getattr(l_1_m, 'target'), 'date'):
                    pass
                    yield '<br><span class="muted">by '
                    yield escape(environment.finalize(environment.getattr(environment.getattr(l_1_m, 'target'), 'date')))
                    yield '</span>'
            else:
                pass
                yield 'none set'
            yield '</td><td><span class="rag rag-'
            yield escape(environment.finalize(environment.getattr(l_1_m, 'rag')))
            yield '">'
            yield escape(environment.finalize(environment.getattr(l_1_m, 'rag')))
            yield '</span></td><td>'
            if environment.getattr(l_1_m, 'trend'):
                pass
                yield escape(environment.finalize(t_2(environment.getattr(l_1_m, 'trend'))))
                yield ' '
                yield escape(environment.finalize(environment.getattr(l_1_m, 'trend')))
            else:
                pass
                yield '—'
            yield '</td><td>'
            if environment.getattr(l_1_m, 'late'):
                pass
                yield 'late: '
                yield escape(environment.finalize(environment.getattr(environment.getattr(l_1_m, 'due_period'), 'label')))
            else:
                pass
                yield '—'
            yield '</td></tr>\n'
        l_1_m = missing
        yield '</table>\n'
        def t_21(fiter):
            for l_1_m in fiter:
                if (environment.getattr(environment.getattr(l_1_m, 'chart'), 'points') or environment.getattr(l_1_m, 'changes')):
                    yield l_1_m
        for l_1_m in t_21((undefined(name='measures') if l_0_measures is missing else l_0_measures)):
            l_1_svg_readings = resolve('svg_readings')
            _loop_vars = {}
            pass
            yield '<h3>'
            yield escape(environment.finalize(environment.getattr(l_1_m, 'id')))
            yield ' '
            yield escape(environment.finalize(environment.getattr(l_1_m, 'title')))
            yield '</h3>\n'
            if environment.getattr(environment.getattr(l_1_m, 'chart'), 'points'):
                pass
                yield '<div class="keep">'
                yield escape(environment.finalize(environment.call(context, (undefined(name='svg_readings') if l_1_svg_readings is missing else l_1_svg_readings), l_1_m, _loop_vars=_loop_vars)))
                yield '</div>\n<p class="muted">'
                if environment.getattr(l_1_m, 'target'):
                    pass
                    yield 'Blue: the readings; grey, dashed: the values expected at their dates.'
                else:
                    pass
                    yield 'No target is set: the line shows the readings.'
                yield '</p>\n<table>\n<thead><tr><th>Date</th><th class="n">Reading ('
                yield escape(environment.finalize(environment.getattr(l_1_m, 'unit')))
                yield ')</th><th class="n">Expected</th><th>Note</th></tr></thead>\n'
                for l_2_r in environment.getattr(environment.getattr(l_1_m, 'chart'), 'points'):
                    _loop_vars = {}
                    pass
                    yield '<tr><td class="date">'
                    yield escape(environment.finalize(environment.getattr(l_2_r, 'date')))
                    yield '</td><td class="n">'
                    yield escape(environment.finalize(t_11(environment.getattr(l_2_r, 'value'))))
                    yield '</td><td class="n">'
                    yield escape(environment.finalize(t_11(environment.getattr(l_2_r, 'expected'), 2)))
                    yield '</td><td>'
                    yield escape(environment.finalize((environment.getattr(l_2_r, 'note') or '')))
                    yield '</td></tr>\n'
                l_2_r = missing
                yield '</table>\n'
            if environment.getattr(l_1_m, 'changes'):
                pass
                yield '<p>Recorded in the period:</p>\n<ul>\n'
                for l_2_e in environment.getattr(l_1_m, 'changes'):
                    _loop_vars = {}
                    pass
                    yield '<li>'
                    if (environment.getattr(l_2_e, 'field') == 'value'):
                        pass
                        if (environment.getattr(l_2_e, 'new') and environment.getattr(l_2_e, 'old')):
                            pass
                            yield 'reading '
                            yield escape(environment.finalize(environment.getattr(environment.getattr(l_2_e, 'new'), 'date')))
                            yield ': '
                            yield escape(environment.finalize(t_11(environment.getattr(environment.getattr(l_2_e, 'old'), 'value'))))
                            yield ' → '
                            yield escape(environment.finalize(t_11(environment.getattr(environment.getattr(l_2_e, 'new'), 'value'))))
                        elif environment.getattr(l_2_e, 'new'):
                            pass
                            yield 'reading '
                            yield escape(environment.finalize(environment.getattr(environment.getattr(l_2_e, 'new'), 'date')))
                            yield ': '
                            yield escape(environment.finalize(t_11(environment.getattr(environment.getattr(l_2_e, 'new'), 'value'))))
                            if environment.getattr(environment.getattr(l_2_e, 'new'), 'note'):
                                pass
                                yield ' ('
                                yield escape(environment.finalize(environment.getattr(environment.getattr(l_2_e, 'new'), 'note')))
                                yield ')'
                        else:
                            pass
                            yield 'reading '
                            yield escape(environment.finalize(environment.getattr(environment.getattr(l_2_e, 'old'), 'date')))
                            yield ' removed'
                    elif (environment.getattr(l_2_e, 'field') == 'target'):
                        pass
                        yield 'target: '
                        if environment.getattr(l_2_e, 'old'):
                            pass
                            yield escape(environment.finalize(t_11(environment.getattr(environment.getattr(l_2_e, 'old'), 'value'))))
                            if environment.getattr(environment.getattr(l_2_e, 'old'), 'date'):
                                pass
                                yield ' by '
                                yield escape(environment.finalize(environment.getattr(environment.getattr(l_2_e, 'old'), 'date')))
                        else:
                            pass
                            yield 'none'
                        yield ' → '
                        if environment.getattr(l_2_e, 'new'):
                            pass
                            yield escape(environment.finalize(t_11(environment.getattr(environment.getattr(l_2_e, 'new'), 'value'))))
                            if environment.getattr(environment.getattr(l_2_e, 'new'), 'date'):
                                pass
                                yield ' by '
                                yield escape(environment.finalize(environment.getattr(environment.getattr(l_2_e, 'new'), 'date')))
                        else:
                            pass
                            yield 'none'
                    elif (environment.getattr(l_2_e, 'field') == 'added'):
                        pass
                        yield 'the measure added to the plan'
                    elif (environment.getattr(l_2_e, 'field') == 'removed'):
                        pass
                        yield 'the measure removed'
                    else:
                        pass
                        yield escape(environment.finalize(environment.getattr(l_2_e, 'field')))
                    yield ' — '
                    yield escape(environment.finalize(environment.getattr(l_2_e, 'author')))
                    yield ', '
                    yield escape(environment.finalize(environment.getattr(l_2_e, 'date')))
                    yield ' (<code>'
                    yield escape(environment.finalize(environment.getattr(l_2_e, 'short')))
                    yield '</code>)</li>\n'
                l_2_e = missing
                yield '</ul>\n'
        l_1_m = l_1_svg_readings = missing
        yield '\n'
    if (undefined(name='frameworks') if l_0_frameworks is missing else l_0_frameworks):
        pass
        yield '<h2>'
        yield escape(environment.finalize(environment.call_binop(context, '+', 4, (undefined(name='m') if l_0_m is missing else l_0_m))))
        yield '. Framework coverage</h2>\n<p>How the actions serve the principles of the framework'
        yield escape(environment.finalize(('s' if (t_7((undefined(name='frameworks') if l_0_frameworks is missing else l_0_frameworks)) > 1) else cond_expr_undefined("the inline if-expression on line 157 in 'report.html.j2' evaluated to false and no else section was defined."))))
        yield ' the plans are held to, as at '
        yield escape(environment.finalize((undefined(name='as_of') if l_0_as_of is missing else l_0_as_of)))
        yield ". A principle's roll-up is the worst status among the open actions serving it (an overdue action counts as red), or blue when all of them are complete; a cancelled action does not serve a principle.</p>\n"
        l_1_loop = missing
        for l_1_fw, l_1_loop in LoopContext((undefined(name='frameworks') if l_0_frameworks is missing else l_0_frameworks), undefined):
            l_1_gaps = l_1_named = missing
            _loop_vars = {}
            pass
            yield '<h3>'
            yield escape(environment.finalize(environment.getattr(l_1_fw, 'title')))
            yield '</h3>\n<p>'
            yield escape(environment.finalize(environment.getattr(l_1_fw, 'covered')))
            yield ' of '
            yield escape(environment.finalize(environment.getattr(l_1_fw, 'total')))
            yield ' principle'
            yield escape(environment.finalize(('s' if (environment.getattr(l_1_fw, 'total') != 1) else cond_expr_undefined("the inline if-expression on line 160 in 'report.html.j2' evaluated to false and no else section was defined."))))
            yield ' '
            yield escape(environment.finalize(('is' if (environment.getattr(l_1_fw, 'covered') == 1) else 'are')))
            yield ' served by at least one action.</p>\n'
            l_1_gaps = t_8(context.eval_ctx, t_12(context, environment.getattr(l_1_fw, 'principles'), 'covered'))
            _loop_vars['gaps'] = l_1_gaps
            if (undefined(name='gaps') if l_1_gaps is missing else l_1_gaps):
                pass
                yield '<p class="warning"><strong>Gaps: no action serves '
                yield escape(environment.finalize(t_7((undefined(name='gaps') if l_1_gaps is missing else l_1_gaps))))
                yield ' principle'
                yield escape(environment.finalize(('s' if (t_7((undefined(name='gaps') if l_1_gaps is missing else l_1_gaps)) != 1) else cond_expr_undefined("the inline if-expression on line 163 in 'report.html.j2' evaluated to false and no else section was defined."))))
                yield '.</strong></p>\n<ul>\n'
                for l_2_p in (undefined(name='gaps') if l_1_gaps is missing else l_1_gaps):
                    _loop_vars = {}
                    pass
                    yield '<li><strong>'
                    yield escape(environment.finalize(environment.getattr(l_2_p, 'id')))
                    yield '</strong> '
                    yield escape(environment.finalize(environment.getattr(l_2_p, 'title')))
                    if environment.getattr(l_2_p, 'actions'):
                        pass
                        yield ' (its only actions are cancelled: '
                        yield escape(environment.finalize(t_6(context.eval_ctx, t_10(context, environment.getattr(l_2_p, 'actions'), attribute='id'), ', ')))
                        yield ')'
                    yield '</li>\n'
                l_2_p = missing
                yield '</ul>\n'
            yield '<table>\n<thead><tr><th>Principle</th><th>Section</th><th>Actions serving it</th><th>Roll-up</th></tr></thead>\n'
            l_1_named = t_8(context.eval_ctx, t_10(context, environment.getattr(l_1_fw, 'sections'), attribute='id'))
            _loop_vars['named'] = l_1_named
            l_2_loop = missing
            for l_2_s, l_2_loop in LoopContext(environment.call_binop(context, '+', environment.getattr(l_1_fw, 'sections'), [{'id': None, 'name': '—'}]), undefined):
                l_2_rows = resolve('rows')
                _loop_vars = {}
                pass
                if t_17(environment.getattr(l_2_s, 'id')):
                    pass
                    l_2_rows = t_12(context, environment.getattr(l_1_fw, 'principles'), 'section', 'in', (undefined(name='named') if l_1_named is missing else l_1_named))
                    _loop_vars['rows'] = l_2_rows
                else:
                    pass
                    l_2_rows = t_14(context, environment.getattr(l_1_fw, 'principles'), 'section', 'equalto', environment.getattr(l_2_s, 'id'))
                    _loop_vars['rows'] = l_2_rows
                l_3_loop = missing
                for l_3_p, l_3_loop in LoopContext(t_15(environment, (undefined(name='rows') if l_2_rows is missing else l_2_rows), attribute='covered'), undefined):
                    _loop_vars = {}
                    pass
                    yield '<tr><td><strong class="id">'
                    yield escape(environment.finalize(environment.getattr(l_3_p, 'id')))
                    yield '</strong> '
                    yield escape(environment.finalize(environment.getattr(l_3_p, 'title')))
                    yield '</td><td>'
                    yield escape(environment.finalize(environment.getattr(l_2_s, 'name')))
                    yield '</td><td>'
                    l_4_loop = missing
                    t_22 = 1
                    for l_4_a, l_4_loop in LoopContext(environment.getattr(l_3_p, 'actions'), undefined):
                        _loop_vars = {}
                        pass
                        yield '<span class="id">'
                        yield escape(environment.finalize(environment.getattr(l_4_a, 'id')))
                        yield '</span> '
                        yield escape(environment.finalize(environment.call(context, (undefined(name='rag') if l_0_rag is missing else l_0_rag), l_4_a, _loop_vars=_loop_vars)))
                        if environment.getattr(l_4_a, 'overdue'):
                            pass
                            yield ' overdue'
                        yield escape(environment.finalize((Markup('<br>') if (not environment.getattr(l_4_loop, 'last')) else cond_expr_undefined("the inline if-expression on line 180 in 'report.html.j2' evaluated to false and no else section was defined."))))
                        t_22 = 0
                    l_4_loop = l_4_a = missing
                    if t_22:
                        pass
                        yield '—'
                    yield '</td><td>'
                    if environment.getattr(l_3_p, 'rag'):
                        pass
                        yield '<span class="rag rag-'
                        yield escape(environment.finalize(environment.getattr(l_3_p, 'rag')))
                        yield '">'
                        yield escape(environment.finalize(environment.getattr(l_3_p, 'rag')))
                        yield '</span>'
                    else:
                        pass
                        yield '<span class="rag" style="background: #fff; color: #c62828; border: 1px solid #c62828;">gap</span>'
                    yield '</td></tr>\n'
                l_3_loop = l_3_p = missing
            l_2_loop = l_2_s = l_2_rows = missing
            yield '</table>\n'
        l_1_loop = l_1_fw = l_1_gaps = l_1_named = missing
        if (t_16(environment.getattr((undefined(name='changes') if l_0_changes is missing else l_0_changes), 'aligns')) and environment.getattr((undefined(name='changes') if l_0_changes is missing else l_0_changes), 'aligns')):
            pass
            yield '<h3>Alignment changes in the period</h3>\n<table>\n<thead><tr><th>Action</th><th>Title</th><th>Principles</th><th>By</th><th>Date</th><th>Commit</th></tr></thead>\n'
            for l_1_e in environment.getattr((undefined(name='changes') if l_0_changes is missing else l_0_changes), 'aligns'):
                _loop_vars = {}
                pass
                yield '<tr><td class="id">'
                yield escape(environment.finalize(environment.getattr(l_1_e, 'action')))
                yield '</td><td>'
                yield escape(environment.finalize(environment.getattr(l_1_e, 'title')))
                yield '</td><td>'
                yield escape(environment.finalize((t_6(context.eval_ctx, environment.getattr(l_1_e, 'old'), ', ') or 'none')))
                yield ' → '
                yield escape(environment.finalize((t_6(context.eval_ctx, environment.getattr(l_1_e, 'new'), ', ') or 'none')))
                yield '</td><td>'
                yield escape(environment.finalize(environment.getattr(l_1_e, 'author')))
                yield '</td><td class="date">'
                yield escape(environment.finalize(environment.getattr(l_1_e, 'date')))
                yield '</td><td><code>'
                yield escape(environment.finalize(environment.getattr(l_1_e, 'short')))
                yield '</code></td></tr>\n'
            l_1_e = missing
            yield '</table>\n'
        yield '\n'
    yield '<h2>'
    yield escape(environment.finalize(environment.call_binop(context, '+', environment.call_binop(context, '+', 4, (undefined(name='m') if l_0_m is missing else l_0_m)), (undefined(name='f') if l_0_f is missing else l_0_f))))
    yield '. Changes in the period</h2>\n'
    l_0_c = (undefined(name='changes') if l_0_changes is missing else l_0_changes)
    context.vars['c'] = l_0_c
    context.exported_vars.add('c')
    def macro(l_1_rows, l_1_heading, l_1_what, l_1_caller):
        t_23 = environment.bounded_buffer()
        if l_1_rows is missing:
            l_1_rows = undefined("parameter 'rows' was not provided", name='rows')
        if l_1_heading is missing:
            l_1_heading = undefined("parameter 'heading' was not provided", name='heading')
        if l_1_what is missing:
            l_1_what = undefined("parameter 'what' was not provided", name='what')
        pass
        if l_1_rows:
            pass
            t_23.extend((
                '<h3>',
                escape(environment.finalize(l_1_heading)),
                '</h3>\n<table>\n<thead><tr><th>Action</th><th>Title</th><th>Change</th><th>By</th><th>Date</th><th>Commit</th></tr></thead>\n',
            ))
            for l_2_e in l_1_rows:
                _loop_vars = {}
                pass
                t_23.extend((
                    '<tr><td class="id">',
                    escape(environment.finalize(environment.getattr(l_2_e, 'action'))),
                    '</td><td>',
                    escape(environment.finalize(environment.getattr(l_2_e, 'title'))),
                    '</td><td>',
                    escape(environment.finalize(environment.call(context, l_1_caller, l_2_e, _loop_vars=_loop_vars))),
                    '</td><td>',
                    escape(environment.finalize(environment.getattr(l_2_e, 'author'))),
                    '</td><td class="date">',
                    escape(environment.finalize(environment.getattr(l_2_e, 'date'))),
                    '</td><td><code>',
                    escape(environment.finalize(environment.getattr(l_2_e, 'short'))),
                    '</code></td></tr>\n',
                ))
            l_2_e = missing
            t_23.append(
                '</table>\n',
            )
        return concat(t_23)
    context.exported_vars.add('change_table')
    context.vars['change_table'] = l_0_change_table = Macro(environment, macro, 'change_table', ('rows', 'heading', 'what'), False, False, True, context.eval_ctx.autoescape)
    if (not ((((((((environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'status') or environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'added')) or environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'removed')) or environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'redated')) or environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'owner')) or environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'evidence')) or environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'title')) or environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'tier')) or environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'plan'))):
        pass
        yield '<p>No changes were recorded in the period.</p>\n'
    def macro(l_1_e):
        t_24 = environment.bounded_buffer()
        if l_1_e is missing:
            l_1_e = undefined("parameter 'e' was not provided", name='e')
        pass
        t_24.extend((
            escape(environment.finalize(environment.getattr(l_1_e, 'old'))),
            ' → ',
            escape(environment.finalize(environment.getattr(l_1_e, 'new'))),
        ))
        return concat(t_24)
    caller = Macro(environment, macro, None, ('e',), False, False, False, context.eval_ctx.autoescape)
    yield environment.call(context, (undefined(name='change_table') if l_0_change_table is missing else l_0_change_table), environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'status'), 'Status changes', caller=caller)
    def macro(l_1_e):
        t_25 = environment.bounded_buffer()
        if l_1_e is missing:
            l_1_e = undefined("parameter 'e' was not provided", name='e')
        pass
        t_25.append(
            'completed',
        )
        return concat(t_25)
    caller = Macro(environment, macro, None, ('e',), False, False, False, context.eval_ctx.autoescape)
    yield environment.call(context, (undefined(name='change_table') if l_0_change_table is missing else l_0_change_table), environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'completed'), 'Completed', caller=caller)
    def macro(l_1_e):
        t_26 = environment.bounded_buffer()
        if l_1_e is missing:
            l_1_e = undefined("parameter 'e' was not provided", name='e')
        pass
        t_26.extend((
            'added to ',
            escape(environment.finalize(environment.getattr(l_1_e, 'plan'))),
        ))
        return concat(t_26)
    caller = Macro(environment, macro, None, ('e',), False, False, False, context.eval_ctx.autoescape)
    yield environment.call(context, (undefined(name='change_table') if l_0_change_table is missing else l_0_change_table), environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'added'), 'New actions', caller=caller)
    def macro(l_1_e):
        t_27 = environment.bounded_buffer()
        if l_1_e is missing:
            l_1_e = undefined("parameter 'e' was not provided", name='e')
        pass
        t_27.extend((
            'removed from ',
            escape(environment.finalize(environment.getattr(l_1_e, 'plan'))),
        ))
        return concat(t_27)
    caller = Macro(environment, macro, None, ('e',), False, False, False, context.eval_ctx.autoescape)
    yield environment.call(context, (undefined(name='change_table') if l_0_change_table is missing else l_0_change_table), environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'removed'), 'Removed actions', caller=caller)
    def macro(l_1_e):
        t_28 = environment.bounded_buffer()
        if l_1_e is missing:
            l_1_e = undefined("parameter 'e' was not provided", name='e')
        pass
        t_28.extend((
            escape(environment.finalize((environment.getattr(l_1_e, 'old') or 'none'))),
            ' → ',
            escape(environment.finalize((environment.getattr(l_1_e, 'new') or 'none'))),
        ))
        return concat(t_28)
    caller = Macro(environment, macro, None, ('e',), False, False, False, context.eval_ctx.autoescape)
    yield environment.call(context, (undefined(name='change_table') if l_0_change_table is missing else l_0_change_table), environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'redated'), 'Re-dated actions', caller=caller)
    def macro(l_1_e):
        t_29 = environment.bounded_buffer()
        if l_1_e is missing:
            l_1_e = undefined("parameter 'e' was not provided", name='e')
        pass
        t_29.extend((
            escape(environment.finalize((environment.getattr(l_1_e, 'old') or 'none'))),
            ' → ',
            escape(environment.finalize((environment.getattr(l_1_e, 'new') or 'none'))),
        ))
        return concat(t_29)
    caller = Macro(environment, macro, None, ('e',), False, False, False, context.eval_ctx.autoescape)
    yield environment.call(context, (undefined(name='change_table') if l_0_change_table is missing else l_0_change_table), environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'owner'), 'Owner changes', caller=caller)
    def macro(l_1_e):
        t_30 = environment.bounded_buffer()
        if l_1_e is missing:
            l_1_e = undefined("parameter 'e' was not provided", name='e')
        pass
        t_30.extend((
            escape(environment.finalize(environment.getattr(l_1_e, 'old'))),
            ' → ',
            escape(environment.finalize(environment.getattr(l_1_e, 'new'))),
        ))
        return concat(t_30)
    caller = Macro(environment, macro, None, ('e',), False, False, False, context.eval_ctx.autoescape)
    yield environment.call(context, (undefined(name='change_table') if l_0_change_table is missing else l_0_change_table), environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'title'), 'Retitled actions', caller=caller)
    def macro(l_1_e):
        t_31 = environment.bounded_buffer()
        if l_1_e is missing:
            l_1_e = undefined("parameter 'e' was not provided", name='e')
        pass
        t_31.extend((
            escape(environment.finalize(('plan' if (l_1_e in environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'plan')) else 'tier'))),
            ' ',
            escape(environment.finalize(environment.getattr(l_1_e, 'old'))),
            ' → ',
            escape(environment.finalize(environment.getattr(l_1_e, 'new'))),
        ))
        return concat(t_31)
    caller = Macro(environment, macro, None, ('e',), False, False, False, context.eval_ctx.autoescape)
    yield environment.call(context, (undefined(name='change_table') if l_0_change_table is missing else l_0_change_table), t_15(environment, environment.call_binop(context, '+', environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'plan'), environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'tier')), attribute='date'), 'Moved actions', caller=caller)
    def macro(l_1_e):
        t_32 = environment.bounded_buffer()
        if l_1_e is missing:
            l_1_e = undefined("parameter 'e' was not provided", name='e')
        pass
        t_32.extend((
            escape(environment.finalize(environment.getattr(environment.getattr(l_1_e, 'new'), 'date'))),
            ': ',
            escape(environment.finalize(environment.getattr(environment.getattr(l_1_e, 'new'), 'text'))),
        ))
        if t_5(environment.getattr(environment.getattr(l_1_e, 'new'), 'link')):
            pass
            t_32.extend((
                ' (<a href="',
                escape(environment.finalize(t_5(environment.getattr(environment.getattr(l_1_e, 'new'), 'link')))),
                '">link</a>)',
            ))
        elif environment.getattr(environment.getattr(l_1_e, 'new'), 'link'):
            pass
            t_32.extend((
                ' (',
                escape(environment.finalize(environment.getattr(environment.getattr(l_1_e, 'new'), 'link'))),
                ')',
            ))
        return concat(t_32)
    caller = Macro(environment, macro, None, ('e',), False, False, False, context.eval_ctx.autoescape)
    yield environment.call(context, (undefined(name='change_table') if l_0_change_table is missing else l_0_change_table), environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'evidence'), 'Evidence added', caller=caller)
    yield '\n<h2>'
    yield escape(environment.finalize(environment.call_binop(context, '+', environment.call_binop(context, '+', 5, (undefined(name='m') if l_0_m is missing else l_0_m)), (undefined(name='f') if l_0_f is missing else l_0_f))))
    yield '. Coming up</h2>\n'
    if environment.getattr((undefined(name='coming_up') if l_0_coming_up is missing else l_0_coming_up), 'actions'):
        pass
        yield '<p>Open actions due after '
        yield escape(environment.finalize(environment.getattr((undefined(name='coming_up') if l_0_coming_up is missing else l_0_coming_up), 'from')))
        yield ' and by '
        yield escape(environment.finalize(environment.getattr((undefined(name='coming_up') if l_0_coming_up is missing else l_0_coming_up), 'to')))
        yield ' (the end of '
        yield escape(environment.finalize(environment.getattr((undefined(name='coming_up') if l_0_coming_up is missing else l_0_coming_up), 'quarter')))
        yield ').</p>\n<table>\n<thead><tr><th>Action</th><th>Title</th><th>Owner</th><th>Status</th><th>Due</th></tr></thead>\n'
        for l_1_a in environment.getattr((undefined(name='coming_up') if l_0_coming_up is missing else l_0_coming_up), 'actions'):
            _loop_vars = {}
            pass
            yield '<tr><td class="id">'
            yield escape(environment.finalize(environment.getattr(l_1_a, 'id')))
            yield '</td><td>'
            yield escape(environment.finalize(environment.getattr(l_1_a, 'title')))
            yield '</td><td>'
            yield escape(environment.finalize((environment.getattr(l_1_a, 'owner') or '—')))
            yield '</td><td>'
            yield escape(environment.finalize(environment.call(context, (undefined(name='rag') if l_0_rag is missing else l_0_rag), l_1_a, _loop_vars=_loop_vars)))
            yield '</td><td class="date">'
            yield escape(environment.finalize((environment.getattr(l_1_a, 'next_due') or environment.getattr(l_1_a, 'due'))))
            yield '</td></tr>\n'
        l_1_a = missing
        yield '</table>\n'
    else:
        pass
        yield '<p>Nothing falls due between '
        yield escape(environment.finalize(environment.getattr((undefined(name='coming_up') if l_0_coming_up is missing else l_0_coming_up), 'from')))
        yield ' and '
        yield escape(environment.finalize(environment.getattr((undefined(name='coming_up') if l_0_coming_up is missing else l_0_coming_up), 'to')))
        yield ' (the end of '
        yield escape(environment.finalize(environment.getattr((undefined(name='coming_up') if l_0_coming_up is missing else l_0_coming_up), 'quarter')))
        yield ').</p>\n'
    yield '\n<h2>'
    yield escape(environment.finalize(environment.call_binop(context, '+', environment.call_binop(context, '+', 6, (undefined(name='m') if l_0_m is missing else l_0_m)), (undefined(name='f') if l_0_f is missing else l_0_f))))
    yield '. Status over time</h2>\n'
    if environment.getattr((undefined(name='chart') if l_0_chart is missing else l_0_chart), 'points'):
        pass
        yield '<div class="keep">'
        yield escape(environment.finalize(environment.call(context, (undefined(name='svg_chart') if l_0_svg_chart is missing else l_0_svg_chart), environment.getattr((undefined(name='chart') if l_0_chart is missing else l_0_chart), 'points'))))
        yield '</div>\n<p class="muted">Lines: grey not started, green on track, amber at risk, red off track, blue complete, dark grey cancelled.</p>\n<table>\n<thead><tr><th>As at</th>'
        for l_1_s in (undefined(name='statuses') if l_0_statuses is missing else l_0_statuses):
            _loop_vars = {}
            pass
            yield '<th class="n">'
            yield escape(environment.finalize(l_1_s))
            yield '</th>'
        l_1_s = missing
        yield '</tr></thead>\n'
        for l_1_p in environment.getattr((undefined(name='chart') if l_0_chart is missing else l_0_chart), 'points'):
            _loop_vars = {}
            pass
            yield '<tr><td>'
            yield escape(environment.finalize(environment.getattr(l_1_p, 'label')))
            yield '</td>'
            for l_2_s in (undefined(name='statuses') if l_0_statuses is missing else l_0_statuses):
                _loop_vars = {}
                pass
                yield '<td class="n">'
                yield escape(environment.finalize(environment.getitem(environment.getattr(l_1_p, 'counts'), l_2_s)))
                yield '</td>'
            l_2_s = missing
            yield '</tr>\n'
        l_1_p = missing
        yield '</table>\n'
    else:
        pass
        yield '<p>No history to chart.</p>\n'
    yield '\n<h2>RAG key</h2>\n<ul class="key">\n'
    for l_1_c in environment.getattr((undefined(name='rag_key') if l_0_rag_key is missing else l_0_rag_key), 'colours'):
        _loop_vars = {}
        pass
        yield '<li><span class="rag rag-'
        yield escape(environment.finalize(environment.getattr(l_1_c, 'rag')))
        yield '">'
        yield escape(environment.finalize(t_3(environment.getattr(l_1_c, 'rag'))))
        yield '</span> '
        yield escape(environment.finalize(t_6(context.eval_ctx, environment.getattr(l_1_c, 'statuses'), ' or ')))
        yield '</li>\n'
    l_1_c = missing
    for l_1_rule in environment.getattr((undefined(name='rag_key') if l_0_rag_key is missing else l_0_rag_key), 'rules'):
        _loop_vars = {}
        pass
        yield '<li>'
        yield escape(environment.finalize(l_1_rule))
        yield '</li>\n'
    l_1_rule = missing
    yield '</ul>\n\n<h2>Appendix: every action by tier</h2>\n'
    for l_1_p in (undefined(name='appendix') if l_0_appendix is missing else l_0_appendix):
        _loop_vars = {}
        pass
        for l_2_t in environment.getattr(l_1_p, 'tiers'):
            _loop_vars = {}
            pass
            yield '<h3>'
            yield escape(environment.finalize(environment.getattr(l_1_p, 'title')))
            yield ': '
            yield escape(environment.finalize(environment.getattr(l_2_t, 'id')))
            yield ' '
            yield escape(environment.finalize(environment.getattr(l_2_t, 'name')))
            yield '</h3>\n'
            if environment.getattr(l_2_t, 'actions'):
                pass
                yield '<table>\n<thead><tr><th>Action</th><th>Title</th><th>Owner</th><th>Status</th><th>Due</th><th>Latest evidence</th></tr></thead>\n'
                for l_3_a in environment.getattr(l_2_t, 'actions'):
                    _loop_vars = {}
                    pass
                    yield '<tr><td class="id">'
                    yield escape(environment.finalize(environment.getattr(l_3_a, 'id')))
                    yield '</td><td>'
                    yield escape(environment.finalize(environment.getattr(l_3_a, 'title')))
                    yield '</td><td>'
                    yield escape(environment.finalize((environment.getattr(l_3_a, 'owner') or '—')))
                    yield '</td><td>'
                    yield escape(environment.finalize(environment.call(context, (undefined(name='rag') if l_0_rag is missing else l_0_rag), l_3_a, _loop_vars=_loop_vars)))
                    yield '</td><td class="date">'
                    yield escape(environment.finalize((environment.getattr(l_3_a, 'due') or '—')))
                    yield '</td><td>'
                    if environment.getattr(l_3_a, 'latest_evidence'):
                        pass
                        yield escape(environment.finalize(environment.getattr(environment.getattr(l_3_a, 'latest_evidence'), 'date')))
                        yield ': '
                        yield escape(environment.finalize(environment.getattr(environment.getattr(l_3_a, 'latest_evidence'), 'text')))
                    else:
                        pass
                        yield '—'
                    yield '</td></tr>\n'
                l_3_a = missing
                yield '</table>\n'
            else:
                pass
                yield '<p>No actions.</p>\n'
        l_2_t = missing
    l_1_p = missing
    yield '</body>\n</html>\n'

blocks = {}
debug_info = '4=138&5=141&10=145&42=147&44=149&46=155&47=157&49=164&50=172&51=179&52=198&53=202&54=208&56=210&61=214&64=216&65=228&66=232&68=235&69=239&74=248&75=272&78=294&79=296&80=300&84=320&85=322&86=326&88=351&89=355&91=357&92=359&93=363&95=373&99=379&101=394&102=397&104=401&105=404&108=406&110=410&111=447&112=450&118=468&122=471&124=474&127=476&128=480&131=535&132=544&133=548&134=551&135=553&137=560&138=562&139=566&143=576&146=579&147=583&155=653&156=656&157=658&158=663&159=668&160=670&161=678&162=680&163=683&165=687&166=691&172=703&173=706&174=710&175=712&177=716&179=719&180=723&185=763&189=766&190=770&196=788&197=790&198=793&199=802&200=806&203=809&204=814&209=834&212=837&213=850&214=861&215=873&216=885&217=898&218=911&219=924&220=939&222=967&223=969&224=972&227=978&228=982&232=997&235=1004&236=1006&237=1009&240=1011&241=1019&242=1023&251=1039&252=1043&254=1050&255=1054&260=1058&261=1061&262=1065&263=1071&266=1074&267=1078'

# Made by actionplan from templates/report.html.j2; do not edit.
JINJA2 = '3.1.6'
SOURCE_SHA256 = 'e1b124923eaeb700d8e2bcf1c56324d19db611dd080694cb01119b6bc599aaec'
