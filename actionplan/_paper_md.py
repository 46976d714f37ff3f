from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'report.md.j2'

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
    l_0_rag_key = resolve('rag_key')
    l_0_appendix = resolve('appendix')
    l_0_since = l_0_until = l_0_m = l_0_f = l_0_c = missing
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
        t_4 = environment.filters['cell']
    except KeyError:
        @internalcode
        def t_4(*unused):
            raise TemplateRuntimeError("No filter named 'cell' found.")
    try:
        t_5 = environment.filters['format']
    except KeyError:
        @internalcode
        def t_5(*unused):
            raise TemplateRuntimeError("No filter named 'format' found.")
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
        t_8 = environment.filters['link']
    except KeyError:
        @internalcode
        def t_8(*unused):
            raise TemplateRuntimeError("No filter named 'link' found.")
    try:
        t_9 = environment.filters['list']
    except KeyError:
        @internalcode
        def t_9(*unused):
            raise TemplateRuntimeError("No filter named 'list' found.")
    try:
        t_10 = environment.filters['lower']
    except KeyError:
        @internalcode
        def t_10(*unused):
            raise TemplateRuntimeError("No filter named 'lower' found.")
    try:
        t_11 = environment.filters['map']
    except KeyError:
        @internalcode
        def t_11(*unused):
            raise TemplateRuntimeError("No filter named 'map' found.")
    try:
        t_12 = environment.filters['num']
    except KeyError:
        @internalcode
        def t_12(*unused):
            raise TemplateRuntimeError("No filter named 'num' found.")
    try:
        t_13 = environment.filters['rejectattr']
    except KeyError:
        @internalcode
        def t_13(*unused):
            raise TemplateRuntimeError("No filter named 'rejectattr' found.")
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
        t_16 = environment.filters['text']
    except KeyError:
        @internalcode
        def t_16(*unused):
            raise TemplateRuntimeError("No filter named 'text' found.")
    try:
        t_17 = environment.tests['defined']
    except KeyError:
        @internalcode
        def t_17(*unused):
            raise TemplateRuntimeError("No test named 'defined' found.")
    try:
        t_18 = environment.tests['none']
    except KeyError:
        @internalcode
        def t_18(*unused):
            raise TemplateRuntimeError("No test named 'none' found.")
    pass
    l_0_since = environment.getattr((undefined(name='period') if l_0_period is missing else l_0_period), 'since')
    context.vars['since'] = l_0_since
    context.exported_vars.add('since')
    l_0_until = environment.getattr((undefined(name='period') if l_0_period is missing else l_0_period), 'until')
    context.vars['until'] = l_0_until
    context.exported_vars.add('until')
    yield '# '
    yield str(environment.finalize((t_16(t_6(context.eval_ctx, (undefined(name='boards') if l_0_boards is missing else l_0_boards), ' / ')) if (undefined(name='boards') if l_0_boards is missing else l_0_boards) else 'Board')))
    yield ': action plan progress report\n\n| | |\n| --- | --- |\n'
    if environment.getattr((undefined(name='cover') if l_0_cover is missing else l_0_cover), 'meeting'):
        pass
        yield '| **Meeting** | '
        yield str(environment.finalize(t_4(environment.getattr((undefined(name='cover') if l_0_cover is missing else l_0_cover), 'meeting'))))
        yield ' |\n'
    yield '| **Purpose** | '
    yield str(environment.finalize(environment.getattr((undefined(name='cover') if l_0_cover is missing else l_0_cover), 'purpose_label')))
    yield ' |\n'
    if environment.getattr((undefined(name='cover') if l_0_cover is missing else l_0_cover), 'author'):
        pass
        yield '| **Author** | '
        yield str(environment.finalize(t_4(environment.getattr((undefined(name='cover') if l_0_cover is missing else l_0_cover), 'author'))))
        yield ' |\n'
    yield '| **Plans** | '
    l_1_loop = missing
    for l_1_p, l_1_loop in LoopContext((undefined(name='plans') if l_0_plans is missing else l_0_plans), undefined):
        _loop_vars = {}
        pass
        yield str(environment.finalize(t_4(environment.getattr(l_1_p, 'title'))))
        yield str(environment.finalize(('; ' if (not environment.getattr(l_1_loop, 'last')) else cond_expr_undefined("the inline if-expression on line 17 in 'report.md.j2' evaluated to false and no else section was defined."))))
    l_1_loop = l_1_p = missing
    yield ' |\n| **Organisations** | '
    l_1_loop = missing
    for l_1_p, l_1_loop in LoopContext((undefined(name='plans') if l_0_plans is missing else l_0_plans), undefined):
        _loop_vars = {}
        pass
        yield str(environment.finalize(t_4(environment.getattr(l_1_p, 'organisation'))))
        yield str(environment.finalize(('; ' if (not environment.getattr(l_1_loop, 'last')) else cond_expr_undefined("the inline if-expression on line 18 in 'report.md.j2' evaluated to false and no else section was defined."))))
    l_1_loop = l_1_p = missing
    yield ' |\n| **Period covered** | '
    if (undefined(name='since') if l_0_since is missing else l_0_since):
        pass
        yield str(environment.finalize(environment.getattr((undefined(name='since') if l_0_since is missing else l_0_since), 'date')))
        yield ' ('
        yield str(environment.finalize(environment.getattr((undefined(name='since') if l_0_since is missing else l_0_since), 'quarter')))
        yield ')'
        if environment.getattr((undefined(name='period') if l_0_period is missing else l_0_period), 'board_tag'):
            pass
            yield ', board tag `'
            yield str(environment.finalize(t_4(environment.getattr((undefined(name='period') if l_0_period is missing else l_0_period), 'board_tag'))))
            yield '`'
    else:
        pass
        yield "start of the plan's history"
    yield ' → '
    yield str(environment.finalize(environment.getattr((undefined(name='until') if l_0_until is missing else l_0_until), 'date')))
    yield ' ('
    yield str(environment.finalize(environment.getattr((undefined(name='until') if l_0_until is missing else l_0_until), 'quarter')))
    yield ') |\n| **Position as at** | '
    yield str(environment.finalize((undefined(name='as_of') if l_0_as_of is missing else l_0_as_of)))
    yield ' ('
    yield str(environment.finalize((undefined(name='as_of_quarter') if l_0_as_of_quarter is missing else l_0_as_of_quarter)))
    yield ') |\n| **Commit** | `'
    yield str(environment.finalize((undefined(name='commit_short') if l_0_commit_short is missing else l_0_commit_short)))
    yield '`'
    if (undefined(name='detached') if l_0_detached is missing else l_0_detached):
        pass
        yield ' (detached HEAD)'
    yield ' |\n| **Generated** | '
    yield str(environment.finalize((undefined(name='generated_at') if l_0_generated_at is missing else l_0_generated_at)))
    yield ' |\n'
    if (undefined(name='shallow') if l_0_shallow is missing else l_0_shallow):
        pass
        yield '\n> **Partial history.** This report was built from a shallow clone: changes before its\n> oldest commit are missing. Fetch the full history (`git fetch --unshallow`, or\n> `fetch-depth: 0` in CI) and render it again before publishing.\n'
    yield '\n## Executive summary\n\n'
    yield str(environment.finalize(t_16(t_6(context.eval_ctx, (undefined(name='executive_summary') if l_0_executive_summary is missing else l_0_executive_summary), ' '))))
    yield '\n\n## 1. Purpose\n\nThis paper reports progress against the action plan'
    yield str(environment.finalize(('s' if (t_7((undefined(name='plans') if l_0_plans is missing else l_0_plans)) > 1) else cond_expr_undefined("the inline if-expression on line 36 in 'report.md.j2' evaluated to false and no else section was defined."))))
    yield ' '
    if (undefined(name='since') if l_0_since is missing else l_0_since):
        pass
        yield 'from '
        yield str(environment.finalize(environment.getattr((undefined(name='since') if l_0_since is missing else l_0_since), 'date')))
    else:
        pass
        yield 'from the start of the recorded history'
    yield ' to '
    yield str(environment.finalize(environment.getattr((undefined(name='until') if l_0_until is missing else l_0_until), 'date')))
    yield ': where each plan stands, what is off track and why, what changed and who changed it, and what falls due next.\n\n**Recommendation ('
    yield str(environment.finalize(t_10(environment.getattr((undefined(name='recommendation') if l_0_recommendation is missing else l_0_recommendation), 'label'))))
    yield '):** '
    yield str(environment.finalize(t_16(environment.getattr((undefined(name='recommendation') if l_0_recommendation is missing else l_0_recommendation), 'text'))))
    yield '\n'
    if environment.getattr((undefined(name='recommendation') if l_0_recommendation is missing else l_0_recommendation), 'decisions'):
        pass
        yield '\n'
        l_1_loop = missing
        for l_1_d, l_1_loop in LoopContext(environment.getattr((undefined(name='recommendation') if l_0_recommendation is missing else l_0_recommendation), 'decisions'), undefined):
            _loop_vars = {}
            pass
            yield str(environment.finalize(environment.getattr(l_1_loop, 'index')))
            yield '. **'
            yield str(environment.finalize(t_16(environment.getattr(l_1_d, 'id'))))
            yield '** '
            yield str(environment.finalize(t_16(environment.getattr(l_1_d, 'title'))))
            yield ': '
            yield str(environment.finalize(t_16(environment.getattr(l_1_d, 'decision'))))
            yield '\n'
        l_1_loop = l_1_d = missing
    yield '\n## 2. Summary\n\n| Plan | Actions | Not started | On track | At risk | Off track | Complete | Cancelled | % complete | Overdue | Direction of travel |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n'
    for l_1_p in (undefined(name='plans') if l_0_plans is missing else l_0_plans):
        _loop_vars = {}
        pass
        yield '| '
        yield str(environment.finalize(t_4(environment.getattr(l_1_p, 'title'))))
        yield ' | '
        yield str(environment.finalize(environment.getattr(l_1_p, 'total')))
        yield ' | '
        yield str(environment.finalize(environment.getitem(environment.getattr(l_1_p, 'counts'), 'not-started')))
        yield ' | '
        yield str(environment.finalize(environment.getitem(environment.getattr(l_1_p, 'counts'), 'on-track')))
        yield ' | '
        yield str(environment.finalize(environment.getitem(environment.getattr(l_1_p, 'counts'), 'at-risk')))
        yield ' | '
        yield str(environment.finalize(environment.getitem(environment.getattr(l_1_p, 'counts'), 'off-track')))
        yield ' | '
        yield str(environment.finalize(environment.getitem(environment.getattr(l_1_p, 'counts'), 'complete')))
        yield ' | '
        yield str(environment.finalize(environment.getitem(environment.getattr(l_1_p, 'counts'), 'cancelled')))
        yield ' | '
        yield str(environment.finalize(t_5('%.0f', environment.getattr(l_1_p, 'percent_complete'))))
        yield '% | '
        yield str(environment.finalize(environment.getattr(l_1_p, 'overdue')))
        yield ' | '
        yield str(environment.finalize((str_join(environment.check_parts((t_2(environment.getattr(l_1_p, 'direction')), ' ', ))) if t_2(environment.getattr(l_1_p, 'direction')) else cond_expr_undefined("the inline if-expression on line 51 in 'report.md.j2' evaluated to false and no else section was defined."))))
        yield str(environment.finalize(environment.getattr(l_1_p, 'direction')))
        if environment.getattr(l_1_p, 'previous'):
            pass
            yield ' (was '
            yield str(environment.finalize(t_5('%.0f', environment.getattr(environment.getattr(l_1_p, 'previous'), 'percent_complete'))))
            yield '% complete, '
            yield str(environment.finalize(environment.getattr(environment.getattr(l_1_p, 'previous'), 'exceptions')))
            yield ' exception'
            yield str(environment.finalize(('s' if (environment.getattr(environment.getattr(l_1_p, 'previous'), 'exceptions') != 1) else cond_expr_undefined("the inline if-expression on line 51 in 'report.md.j2' evaluated to false and no else section was defined."))))
            yield ')'
        yield ' |\n'
    l_1_p = missing
    if (undefined(name='measures') if l_0_measures is missing else l_0_measures):
        pass
        l_0_t = environment.getattr((undefined(name='measure_totals') if l_0_measure_totals is missing else l_0_measure_totals), 'trends')
        context.vars['t'] = l_0_t
        context.exported_vars.add('t')
        yield '\n**Outcome measures:** direction of travel '
        yield str(environment.finalize((str_join(environment.check_parts((t_2(environment.getattr((undefined(name='measure_totals') if l_0_measure_totals is missing else l_0_measure_totals), 'direction')), ' ', ))) if t_2(environment.getattr((undefined(name='measure_totals') if l_0_measure_totals is missing else l_0_measure_totals), 'direction')) else cond_expr_undefined("the inline if-expression on line 57 in 'report.md.j2' evaluated to false and no else section was defined."))))
        yield str(environment.finalize(environment.getattr((undefined(name='measure_totals') if l_0_measure_totals is missing else l_0_measure_totals), 'direction')))
        yield ' — '
        yield str(environment.finalize(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'improving')))
        yield ' improving, '
        yield str(environment.finalize(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'worsening')))
        yield ' worsening, '
        yield str(environment.finalize(environment.getitem((undefined(name='t') if l_0_t is missing else l_0_t), 'no change')))
        yield ' unchanged'
        if environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'none'):
            pass
            yield ', '
            yield str(environment.finalize(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'none')))
            yield ' without two readings yet'
        yield " (each measure's latest reading against the one before); "
        yield str(environment.finalize(environment.getattr(environment.getattr((undefined(name='measure_totals') if l_0_measure_totals is missing else l_0_measure_totals), 'counts'), 'green')))
        yield ' green, '
        yield str(environment.finalize(environment.getattr(environment.getattr((undefined(name='measure_totals') if l_0_measure_totals is missing else l_0_measure_totals), 'counts'), 'amber')))
        yield ' amber, '
        yield str(environment.finalize(environment.getattr(environment.getattr((undefined(name='measure_totals') if l_0_measure_totals is missing else l_0_measure_totals), 'counts'), 'red')))
        yield ' red, '
        yield str(environment.finalize(environment.getattr(environment.getattr((undefined(name='measure_totals') if l_0_measure_totals is missing else l_0_measure_totals), 'counts'), 'grey')))
        yield ' grey; '
        yield str(environment.finalize(environment.getattr((undefined(name='measure_totals') if l_0_measure_totals is missing else l_0_measure_totals), 'late')))
        yield ' with a late reading. See section 4.\n'
    for l_1_p in (undefined(name='plans') if l_0_plans is missing else l_0_plans):
        _loop_vars = {}
        pass
        yield '\n### '
        yield str(environment.finalize(t_16(environment.getattr(l_1_p, 'title'))))
        yield '\n\n| Tier | Actions | Not started | On track | At risk | Off track | Complete | Cancelled | % complete | Overdue |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n'
        for l_2_t in environment.getattr(l_1_p, 'tiers'):
            _loop_vars = {}
            pass
            yield '| '
            yield str(environment.finalize(t_4(environment.getattr(l_2_t, 'id'))))
            yield ' '
            yield str(environment.finalize(t_4(environment.getattr(l_2_t, 'name'))))
            yield ' | '
            yield str(environment.finalize(environment.getattr(l_2_t, 'total')))
            yield ' | '
            yield str(environment.finalize(environment.getitem(environment.getattr(l_2_t, 'counts'), 'not-started')))
            yield ' | '
            yield str(environment.finalize(environment.getitem(environment.getattr(l_2_t, 'counts'), 'on-track')))
            yield ' | '
            yield str(environment.finalize(environment.getitem(environment.getattr(l_2_t, 'counts'), 'at-risk')))
            yield ' | '
            yield str(environment.finalize(environment.getitem(environment.getattr(l_2_t, 'counts'), 'off-track')))
            yield ' | '
            yield str(environment.finalize(environment.getitem(environment.getattr(l_2_t, 'counts'), 'complete')))
            yield ' | '
            yield str(environment.finalize(environment.getitem(environment.getattr(l_2_t, 'counts'), 'cancelled')))
            yield ' | '
            yield str(environment.finalize(t_5('%.0f', environment.getattr(l_2_t, 'percent_complete'))))
            yield '% | '
            yield str(environment.finalize(environment.getattr(l_2_t, 'overdue')))
            yield ' |\n'
        l_2_t = missing
        yield '| **All tiers** | **'
        yield str(environment.finalize(environment.getattr(l_1_p, 'total')))
        yield '** | '
        yield str(environment.finalize(environment.getitem(environment.getattr(l_1_p, 'counts'), 'not-started')))
        yield ' | '
        yield str(environment.finalize(environment.getitem(environment.getattr(l_1_p, 'counts'), 'on-track')))
        yield ' | '
        yield str(environment.finalize(environment.getitem(environment.getattr(l_1_p, 'counts'), 'at-risk')))
        yield ' | '
        yield str(environment.finalize(environment.getitem(environment.getattr(l_1_p, 'counts'), 'off-track')))
        yield ' | '
        yield str(environment.finalize(environment.getitem(environment.getattr(l_1_p, 'counts'), 'complete')))
        yield ' | '
        yield str(environment.finalize(environment.getitem(environment.getattr(l_1_p, 'counts'), 'cancelled')))
        yield ' | **'
        yield str(environment.finalize(t_5('%.0f', environment.getattr(l_1_p, 'percent_complete'))))
        yield '%** | **'
        yield str(environment.finalize(environment.getattr(l_1_p, 'overdue')))
        yield '** |\n'
    l_1_p = missing
    yield '\n'
    l_0_m = (1 if (undefined(name='measures') if l_0_measures is missing else l_0_measures) else 0)
    context.vars['m'] = l_0_m
    context.exported_vars.add('m')
    l_0_f = (1 if (undefined(name='frameworks') if l_0_frameworks is missing else l_0_frameworks) else 0)
    context.vars['f'] = l_0_f
    context.exported_vars.add('f')
    yield '## 3. Exceptions\n\n'
    if (undefined(name='exceptions') if l_0_exceptions is missing else l_0_exceptions):
        pass
        yield 'Every action that is off track, at risk or overdue as at '
        yield str(environment.finalize((undefined(name='as_of') if l_0_as_of is missing else l_0_as_of)))
        yield '.\n\n| Action | Plan / tier | Title | Owner | Status | Due | Latest evidence | Mitigation | Decision sought |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n'
        for l_1_a in (undefined(name='exceptions') if l_0_exceptions is missing else l_0_exceptions):
            _loop_vars = {}
            pass
            yield '| '
            yield str(environment.finalize(t_4(environment.getattr(l_1_a, 'id'))))
            yield ' | '
            yield str(environment.finalize(t_4(environment.getattr(l_1_a, 'plan'))))
            yield ' / '
            yield str(environment.finalize(t_4(environment.getattr(l_1_a, 'tier'))))
            yield ' | '
            yield str(environment.finalize(t_4(environment.getattr(l_1_a, 'title'))))
            yield ' | '
            yield str(environment.finalize((t_4(environment.getattr(l_1_a, 'owner')) if environment.getattr(l_1_a, 'owner') else '—')))
            yield ' | '
            yield str(environment.finalize(environment.getattr(l_1_a, 'status')))
            if environment.getattr(l_1_a, 'overdue'):
                pass
                yield ', '
                yield str(environment.finalize(environment.getattr(l_1_a, 'days_overdue')))
                yield ' days overdue'
            yield ' | '
            if environment.getattr(l_1_a, 'redated'):
                pass
                yield str(environment.finalize(environment.getattr(l_1_a, 'original_due')))
                yield ' → '
                yield str(environment.finalize(environment.getattr(l_1_a, 'due')))
            else:
                pass
                yield str(environment.finalize((environment.getattr(l_1_a, 'due') or '—')))
            yield ' | '
            if environment.getattr(l_1_a, 'latest_evidence'):
                pass
                yield str(environment.finalize(environment.getattr(environment.getattr(l_1_a, 'latest_evidence'), 'date')))
                yield ' ('
                yield str(environment.finalize(t_1(environment.getattr(l_1_a, 'evidence_age_days'))))
                yield '): '
                yield str(environment.finalize(t_4(environment.getattr(environment.getattr(l_1_a, 'latest_evidence'), 'text'))))
            else:
                pass
                yield 'none recorded'
            yield ' | '
            yield str(environment.finalize((t_4(environment.getattr(l_1_a, 'mitigation')) if environment.getattr(l_1_a, 'mitigation') else '—')))
            yield ' | '
            yield str(environment.finalize((t_4(environment.getattr(l_1_a, 'decision')) if environment.getattr(l_1_a, 'decision') else '—')))
            yield ' |\n'
        l_1_a = missing
    else:
        pass
        yield 'No exceptions: nothing is off track, at risk or overdue as at '
        yield str(environment.finalize((undefined(name='as_of') if l_0_as_of is missing else l_0_as_of)))
        yield '.\n'
    yield '\n'
    if (undefined(name='measures') if l_0_measures is missing else l_0_measures):
        pass
        yield "## 4. Outcome measures\n\nEach measure's latest reading as at "
        yield str(environment.finalize((undefined(name='as_of') if l_0_as_of is missing else l_0_as_of)))
        yield " against the value expected by the reading's date (on the straight line from baseline to target, when both are dated) and its target. RAG: at or better than expected is green, worse by no more than the tolerance amber, worse by more red; grey without a target or a reading. Late: no reading for the last period due (30 days' grace).\n\n| Measure | Plan | Latest | Expected | Target | RAG | Trend | Late |\n| --- | --- | ---: | ---: | ---: | --- | --- | --- |\n"
        for l_1_m in (undefined(name='measures') if l_0_measures is missing else l_0_measures):
            _loop_vars = {}
            pass
            yield '| **'
            yield str(environment.finalize(t_4(environment.getattr(l_1_m, 'id'))))
            yield '** '
            yield str(environment.finalize(t_4(environment.getattr(l_1_m, 'title'))))
            yield ' ('
            yield str(environment.finalize(t_4(environment.getattr(l_1_m, 'unit'))))
            yield ') | '
            yield str(environment.finalize(t_4(environment.getattr(l_1_m, 'plan'))))
            yield ' | '
            if environment.getattr(l_1_m, 'latest'):
                pass
                yield str(environment.finalize(t_12(environment.getattr(environment.getattr(l_1_m, 'latest'), 'value'))))
                yield ' ('
                yield str(environment.finalize(environment.getattr(environment.getattr(l_1_m, 'latest'), 'date')))
                yield ')'
            else:
                pass
                yield 'no reading'
            yield ' | '
            yield str(environment.finalize(t_12(environment.getattr(l_1_m, 'expected'), 2)))
            yield ' | '
            if environment.getattr(l_1_m, 'target'):
                pass
                yield str(environment.finalize(t_12(environment.getattr(environment.getattr(l_1_m, 'target'), 'value'))))
                if environment.getattr(environment.getattr(l_1_m, 'target'), 'date'):
                    pass
                    yield ' by '
                    yield str(environment.finalize(environment.getattr(environment.getattr(l_1_m, 'target'), 'date')))
            else:
                pass
                yield 'none set'
            yield ' | '
            yield str(environment.finalize(environment.getattr(l_1_m, 'rag')))
            yield ' | '
            if environment.getattr(l_1_m, 'trend'):
                pass
                yield str(environment.finalize(t_2(environment.getattr(l_1_m, 'trend'))))
                yield ' '
                yield str(environment.finalize(environment.getattr(l_1_m, 'trend')))
            else:
                pass
                yield '—'
            yield ' | '
            if environment.getattr(l_1_m, 'late'):
                pass
                yield 'late: '
                yield str(environment.finalize(environment.getattr(environment.getattr(l_1_m, 'due_period'), 'label')))
            else:
                pass
                yield '—'
            yield ' |\n'
        l_1_m = missing
        def t_19(fiter):
            for l_1_m in fiter:
                if (environment.getattr(environment.getattr(l_1_m, 'chart'), 'points') or environment.getattr(l_1_m, 'changes')):
                    yield l_1_m
        for l_1_m in t_19((undefined(name='measures') if l_0_measures is missing else l_0_measures)):
            _loop_vars = {}
            pass
            yield '\n### '
            yield str(environment.finalize(t_16(environment.getattr(l_1_m, 'id'))))
            yield ' '
            yield str(environment.finalize(t_16(environment.getattr(l_1_m, 'title'))))
            yield '\n'
            if environment.getattr(environment.getattr(l_1_m, 'chart'), 'points'):
                pass
                yield '\n```mermaid\n'
                yield str(environment.finalize(environment.getattr(environment.getattr(l_1_m, 'chart'), 'mermaid')))
                yield '\n```\n\n'
                if environment.getattr(l_1_m, 'target'):
                    pass
                    yield 'Lines: blue the readings, grey the values expected at their dates.'
                else:
                    pass
                    yield 'No target is set: the line shows the readings.'
                yield '\n\n| Date | Reading ('
                yield str(environment.finalize(t_4(environment.getattr(l_1_m, 'unit'))))
                yield ') | Expected | Note |\n| --- | ---: | ---: | --- |\n'
                for l_2_r in environment.getattr(environment.getattr(l_1_m, 'chart'), 'points'):
                    _loop_vars = {}
                    pass
                    yield '| '
                    yield str(environment.finalize(environment.getattr(l_2_r, 'date')))
                    yield ' | '
                    yield str(environment.finalize(t_12(environment.getattr(l_2_r, 'value'))))
                    yield ' | '
                    yield str(environment.finalize(t_12(environment.getattr(l_2_r, 'expected'), 2)))
                    yield ' | '
                    yield str(environment.finalize((t_4(environment.getattr(l_2_r, 'note')) if environment.getattr(l_2_r, 'note') else '')))
                    yield ' |\n'
                l_2_r = missing
            if environment.getattr(l_1_m, 'changes'):
                pass
                yield '\nRecorded in the period:\n\n'
                for l_2_e in environment.getattr(l_1_m, 'changes'):
                    _loop_vars = {}
                    pass
                    yield '- '
                    if (environment.getattr(l_2_e, 'field') == 'value'):
                        pass
                        if (environment.getattr(l_2_e, 'new') and environment.getattr(l_2_e, 'old')):
                            pass
                            yield 'reading '
                            yield str(environment.finalize(environment.getattr(environment.getattr(l_2_e, 'new'), 'date')))
                            yield ': '
                            yield str(environment.finalize(t_12(environment.getattr(environment.getattr(l_2_e, 'old'), 'value'))))
                            yield ' → '
                            yield str(environment.finalize(t_12(environment.getattr(environment.getattr(l_2_e, 'new'), 'value'))))
                        elif environment.getattr(l_2_e, 'new'):
                            pass
                            yield 'reading '
                            yield str(environment.finalize(environment.getattr(environment.getattr(l_2_e, 'new'), 'date')))
                            yield ': '
                            yield str(environment.finalize(t_12(environment.getattr(environment.getattr(l_2_e, 'new'), 'value'))))
                            if environment.getattr(environment.getattr(l_2_e, 'new'), 'note'):
                                pass
                                yield ' ('
                                yield str(environment.finalize(t_16(environment.getattr(environment.getattr(l_2_e, 'new'), 'note'))))
                                yield ')'
                        else:
                            pass
                            yield 'reading '
                            yield str(environment.finalize(environment.getattr(environment.getattr(l_2_e, 'old'), 'date')))
                            yield ' removed'
                    elif (environment.getattr(l_2_e, 'field') == 'target'):
                        pass
                        yield 'target: '
                        if environment.getattr(l_2_e, 'old'):
                            pass
                            yield str(environment.finalize(t_12(environment.getattr(environment.getattr(l_2_e, 'old'), 'value'))))
                            if environment.getattr(environment.getattr(l_2_e, 'old'), 'date'):
                                pass
                                yield ' by '
                                yield str(environment.finalize(environment.getattr(environment.getattr(l_2_e, 'old'), 'date')))
                        else:
                            pass
                            yield 'none'
                        yield ' → '
                        if environment.getattr(l_2_e, 'new'):
                            pass
                            yield str(environment.finalize(t_12(environment.getattr(environment.getattr(l_2_e, 'new'), 'value'))))
                            if environment.getattr(environment.getattr(l_2_e, 'new'), 'date'):
                                pass
                                yield ' by '
                                yield str(environment.finalize(environment.getattr(environment.getattr(l_2_e, 'new'), 'date')))
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
                        yield str(environment.finalize(environment.getattr(l_2_e, 'field')))
                    yield ' — '
                    yield str(environment.finalize(t_16(environment.getattr(l_2_e, 'author'))))
                    yield ', '
                    yield str(environment.finalize(environment.getattr(l_2_e, 'date')))
                    yield ' (`'
                    yield str(environment.finalize(environment.getattr(l_2_e, 'short')))
                    yield '`)\n'
                l_2_e = missing
        l_1_m = missing
        yield '\n'
    if (undefined(name='frameworks') if l_0_frameworks is missing else l_0_frameworks):
        pass
        yield '## '
        yield str(environment.finalize(environment.call_binop(context, '+', 4, (undefined(name='m') if l_0_m is missing else l_0_m))))
        yield '. Framework coverage\n\nHow the actions serve the principles of the framework'
        yield str(environment.finalize(('s' if (t_7((undefined(name='frameworks') if l_0_frameworks is missing else l_0_frameworks)) > 1) else cond_expr_undefined("the inline if-expression on line 132 in 'report.md.j2' evaluated to false and no else section was defined."))))
        yield ' the plans are held to, as at '
        yield str(environment.finalize((undefined(name='as_of') if l_0_as_of is missing else l_0_as_of)))
        yield ". A principle's roll-up is the worst status among the open actions serving it (an overdue action counts as red), or blue when all of them are complete; a cancelled action does not serve a principle.\n"
        l_1_loop = missing
        for l_1_fw, l_1_loop in LoopContext((undefined(name='frameworks') if l_0_frameworks is missing else l_0_frameworks), undefined):
            l_1_gaps = l_1_named = missing
            _loop_vars = {}
            pass
            yield '\n### '
            yield str(environment.finalize(t_16(environment.getattr(l_1_fw, 'title'))))
            yield '\n\n'
            yield str(environment.finalize(environment.getattr(l_1_fw, 'covered')))
            yield ' of '
            yield str(environment.finalize(environment.getattr(l_1_fw, 'total')))
            yield ' principle'
            yield str(environment.finalize(('s' if (environment.getattr(l_1_fw, 'total') != 1) else cond_expr_undefined("the inline if-expression on line 137 in 'report.md.j2' evaluated to false and no else section was defined."))))
            yield ' '
            yield str(environment.finalize(('is' if (environment.getattr(l_1_fw, 'covered') == 1) else 'are')))
            yield ' served by at least one action.\n'
            l_1_gaps = t_9(context.eval_ctx, t_13(context, environment.getattr(l_1_fw, 'principles'), 'covered'))
            _loop_vars['gaps'] = l_1_gaps
            if (undefined(name='gaps') if l_1_gaps is missing else l_1_gaps):
                pass
                yield '\n**Gaps: no action serves '
                yield str(environment.finalize(t_7((undefined(name='gaps') if l_1_gaps is missing else l_1_gaps))))
                yield ' principle'
                yield str(environment.finalize(('s' if (t_7((undefined(name='gaps') if l_1_gaps is missing else l_1_gaps)) != 1) else cond_expr_undefined("the inline if-expression on line 141 in 'report.md.j2' evaluated to false and no else section was defined."))))
                yield '.**\n\n'
                for l_2_p in (undefined(name='gaps') if l_1_gaps is missing else l_1_gaps):
                    _loop_vars = {}
                    pass
                    yield '- **'
                    yield str(environment.finalize(t_16(environment.getattr(l_2_p, 'id'))))
                    yield '** '
                    yield str(environment.finalize(t_16(environment.getattr(l_2_p, 'title'))))
                    yield str(environment.finalize((str_join(environment.check_parts((' (its only actions are cancelled: ', t_16(t_6(context.eval_ctx, t_11(context, environment.getattr(l_2_p, 'actions'), attribute='id'), ', ')), ')', ))) if environment.getattr(l_2_p, 'actions') else cond_expr_undefined("the inline if-expression on line 144 in 'report.md.j2' evaluated to false and no else section was defined."))))
                    yield '\n'
                l_2_p = missing
            yield '\n| Principle | Section | Actions serving it | Roll-up |\n| --- | --- | --- | --- |\n'
            l_1_named = t_9(context.eval_ctx, t_11(context, environment.getattr(l_1_fw, 'sections'), attribute='id'))
            _loop_vars['named'] = l_1_named
            l_2_loop = missing
            for l_2_s, l_2_loop in LoopContext(environment.call_binop(context, '+', environment.getattr(l_1_fw, 'sections'), [{'id': None, 'name': '—'}]), undefined):
                l_2_rows = resolve('rows')
                _loop_vars = {}
                pass
                if t_18(environment.getattr(l_2_s, 'id')):
                    pass
                    l_2_rows = t_13(context, environment.getattr(l_1_fw, 'principles'), 'section', 'in', (undefined(name='named') if l_1_named is missing else l_1_named))
                    _loop_vars['rows'] = l_2_rows
                else:
                    pass
                    l_2_rows = t_14(context, environment.getattr(l_1_fw, 'principles'), 'section', 'equalto', environment.getattr(l_2_s, 'id'))
                    _loop_vars['rows'] = l_2_rows
                l_3_loop = missing
                for l_3_p, l_3_loop in LoopContext(t_15(environment, (undefined(name='rows') if l_2_rows is missing else l_2_rows), attribute='covered'), undefined):
                    _loop_vars = {}
                    pass
                    yield '| **'
                    yield str(environment.finalize(t_4(environment.getattr(l_3_p, 'id'))))
                    yield '** '
                    yield str(environment.finalize(t_4(environment.getattr(l_3_p, 'title'))))
                    yield ' | '
                    yield str(environment.finalize(t_4(environment.getattr(l_2_s, 'name'))))
                    yield ' | '
                    l_4_loop = missing
                    t_20 = 1
                    for l_4_a, l_4_loop in LoopContext(environment.getattr(l_3_p, 'actions'), undefined):
                        _loop_vars = {}
                        pass
                        yield str(environment.finalize(t_4(environment.getattr(l_4_a, 'id'))))
                        yield ' ('
                        yield str(environment.finalize(environment.getattr(l_4_a, 'status')))
                        yield str(environment.finalize((', overdue' if environment.getattr(l_4_a, 'overdue') else cond_expr_undefined("the inline if-expression on line 158 in 'report.md.j2' evaluated to false and no else section was defined."))))
                        yield ')'
                        yield str(environment.finalize(('; ' if (not environment.getattr(l_4_loop, 'last')) else cond_expr_undefined("the inline if-expression on line 158 in 'report.md.j2' evaluated to false and no else section was defined."))))
                        t_20 = 0
                    l_4_loop = l_4_a = missing
                    if t_20:
                        pass
                        yield '—'
                    yield ' | '
                    yield str(environment.finalize((environment.getattr(l_3_p, 'rag') if environment.getattr(l_3_p, 'rag') else '**gap**')))
                    yield ' |\n'
                l_3_loop = l_3_p = missing
            l_2_loop = l_2_s = l_2_rows = missing
        l_1_loop = l_1_fw = l_1_gaps = l_1_named = missing
        if (t_17(environment.getattr((undefined(name='changes') if l_0_changes is missing else l_0_changes), 'aligns')) and environment.getattr((undefined(name='changes') if l_0_changes is missing else l_0_changes), 'aligns')):
            pass
            yield '\n### Alignment changes in the period\n\n| Action | Title | Principles | By | Date | Commit |\n| --- | --- | --- | --- | --- | --- |\n'
            for l_1_e in environment.getattr((undefined(name='changes') if l_0_changes is missing else l_0_changes), 'aligns'):
                _loop_vars = {}
                pass
                yield '| '
                yield str(environment.finalize(t_4(environment.getattr(l_1_e, 'action'))))
                yield ' | '
                yield str(environment.finalize(t_4(environment.getattr(l_1_e, 'title'))))
                yield ' | '
                yield str(environment.finalize(t_4((t_6(context.eval_ctx, environment.getattr(l_1_e, 'old'), ', ') or 'none'))))
                yield ' → '
                yield str(environment.finalize(t_4((t_6(context.eval_ctx, environment.getattr(l_1_e, 'new'), ', ') or 'none'))))
                yield ' | '
                yield str(environment.finalize(t_4(environment.getattr(l_1_e, 'author'))))
                yield ' | '
                yield str(environment.finalize(environment.getattr(l_1_e, 'date')))
                yield ' | `'
                yield str(environment.finalize(environment.getattr(l_1_e, 'short')))
                yield '` |\n'
            l_1_e = missing
        yield '\n'
    yield '## '
    yield str(environment.finalize(environment.call_binop(context, '+', environment.call_binop(context, '+', 4, (undefined(name='m') if l_0_m is missing else l_0_m)), (undefined(name='f') if l_0_f is missing else l_0_f))))
    yield '. Changes in the period\n\n'
    l_0_c = (undefined(name='changes') if l_0_changes is missing else l_0_changes)
    context.vars['c'] = l_0_c
    context.exported_vars.add('c')
    if (not ((((((((environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'status') or environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'added')) or environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'removed')) or environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'redated')) or environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'owner')) or environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'evidence')) or environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'title')) or environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'tier')) or environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'plan'))):
        pass
        yield 'No changes were recorded in the period.\n\n'
    if environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'status'):
        pass
        yield '### Status changes\n\n| Action | Title | Change | By | Date | Commit |\n| --- | --- | --- | --- | --- | --- |\n'
        for l_1_e in environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'status'):
            _loop_vars = {}
            pass
            yield '| '
            yield str(environment.finalize(t_4(environment.getattr(l_1_e, 'action'))))
            yield ' | '
            yield str(environment.finalize(t_4(environment.getattr(l_1_e, 'title'))))
            yield ' | '
            yield str(environment.finalize(t_4(environment.getattr(l_1_e, 'old'))))
            yield ' → '
            yield str(environment.finalize(t_4(environment.getattr(l_1_e, 'new'))))
            yield ' | '
            yield str(environment.finalize(t_4(environment.getattr(l_1_e, 'author'))))
            yield ' | '
            yield str(environment.finalize(environment.getattr(l_1_e, 'date')))
            yield ' | `'
            yield str(environment.finalize(environment.getattr(l_1_e, 'short')))
            yield '` |\n'
        l_1_e = missing
        yield '\n'
    if environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'completed'):
        pass
        yield '### Completed\n\n'
        for l_1_e in environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'completed'):
            _loop_vars = {}
            pass
            yield '- **'
            yield str(environment.finalize(t_16(environment.getattr(l_1_e, 'action'))))
            yield '** '
            yield str(environment.finalize(t_16(environment.getattr(l_1_e, 'title'))))
            yield ' — completed '
            yield str(environment.finalize(environment.getattr(l_1_e, 'date')))
            yield ' ('
            yield str(environment.finalize(t_16(environment.getattr(l_1_e, 'author'))))
            yield ')\n'
        l_1_e = missing
        yield '\n'
    if environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'added'):
        pass
        yield '### New actions\n\n| Action | Plan | Title | By | Date | Commit |\n| --- | --- | --- | --- | --- | --- |\n'
        for l_1_e in environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'added'):
            _loop_vars = {}
            pass
            yield '| '
            yield str(environment.finalize(t_4(environment.getattr(l_1_e, 'action'))))
            yield ' | '
            yield str(environment.finalize(t_4(environment.getattr(l_1_e, 'plan'))))
            yield ' | '
            yield str(environment.finalize(t_4(environment.getattr(l_1_e, 'new'))))
            yield ' | '
            yield str(environment.finalize(t_4(environment.getattr(l_1_e, 'author'))))
            yield ' | '
            yield str(environment.finalize(environment.getattr(l_1_e, 'date')))
            yield ' | `'
            yield str(environment.finalize(environment.getattr(l_1_e, 'short')))
            yield '` |\n'
        l_1_e = missing
        yield '\n'
    if environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'removed'):
        pass
        yield '### Removed actions\n\n| Action | Plan | Title | By | Date | Commit |\n| --- | --- | --- | --- | --- | --- |\n'
        for l_1_e in environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'removed'):
            _loop_vars = {}
            pass
            yield '| '
            yield str(environment.finalize(t_4(environment.getattr(l_1_e, 'action'))))
            yield ' | '
            yield str(environment.finalize(t_4(environment.getattr(l_1_e, 'plan'))))
            yield ' | '
            yield str(environment.finalize(t_4(environment.getattr(l_1_e, 'old'))))
            yield ' | '
            yield str(environment.finalize(t_4(environment.getattr(l_1_e, 'author'))))
            yield ' | '
            yield str(environment.finalize(environment.getattr(l_1_e, 'date')))
            yield ' | `'
            yield str(environment.finalize(environment.getattr(l_1_e, 'short')))
            yield '` |\n'
        l_1_e = missing
        yield '\n'
    if environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'redated'):
        pass
        yield '### Re-dated actions\n\n| Action | Title | Due | By | Date | Commit |\n| --- | --- | --- | --- | --- | --- |\n'
        for l_1_e in environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'redated'):
            _loop_vars = {}
            pass
            yield '| '
            yield str(environment.finalize(t_4(environment.getattr(l_1_e, 'action'))))
            yield ' | '
            yield str(environment.finalize(t_4(environment.getattr(l_1_e, 'title'))))
            yield ' | '
            yield str(environment.finalize((environment.getattr(l_1_e, 'old') or 'none')))
            yield ' → '
            yield str(environment.finalize((environment.getattr(l_1_e, 'new') or 'none')))
            yield ' | '
            yield str(environment.finalize(t_4(environment.getattr(l_1_e, 'author'))))
            yield ' | '
            yield str(environment.finalize(environment.getattr(l_1_e, 'date')))
            yield ' | `'
            yield str(environment.finalize(environment.getattr(l_1_e, 'short')))
            yield '` |\n'
        l_1_e = missing
        yield '\n'
    if environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'owner'):
        pass
        yield '### Owner changes\n\n| Action | Title | Owner | By | Date | Commit |\n| --- | --- | --- | --- | --- | --- |\n'
        for l_1_e in environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'owner'):
            _loop_vars = {}
            pass
            yield '| '
            yield str(environment.finalize(t_4(environment.getattr(l_1_e, 'action'))))
            yield ' | '
            yield str(environment.finalize(t_4(environment.getattr(l_1_e, 'title'))))
            yield ' | '
            yield str(environment.finalize((t_4(environment.getattr(l_1_e, 'old')) if environment.getattr(l_1_e, 'old') else 'none')))
            yield ' → '
            yield str(environment.finalize((t_4(environment.getattr(l_1_e, 'new')) if environment.getattr(l_1_e, 'new') else 'none')))
            yield ' | '
            yield str(environment.finalize(t_4(environment.getattr(l_1_e, 'author'))))
            yield ' | '
            yield str(environment.finalize(environment.getattr(l_1_e, 'date')))
            yield ' | `'
            yield str(environment.finalize(environment.getattr(l_1_e, 'short')))
            yield '` |\n'
        l_1_e = missing
        yield '\n'
    if environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'title'):
        pass
        yield '### Retitled actions\n\n| Action | Title | By | Date | Commit |\n| --- | --- | --- | --- | --- |\n'
        for l_1_e in environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'title'):
            _loop_vars = {}
            pass
            yield '| '
            yield str(environment.finalize(t_4(environment.getattr(l_1_e, 'action'))))
            yield ' | '
            yield str(environment.finalize(t_4(environment.getattr(l_1_e, 'old'))))
            yield ' → '
            yield str(environment.finalize(t_4(environment.getattr(l_1_e, 'new'))))
            yield ' | '
            yield str(environment.finalize(t_4(environment.getattr(l_1_e, 'author'))))
            yield ' | '
            yield str(environment.finalize(environment.getattr(l_1_e, 'date')))
            yield ' | `'
            yield str(environment.finalize(environment.getattr(l_1_e, 'short')))
            yield '` |\n'
        l_1_e = missing
        yield '\n'
    if (environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'tier') or environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'plan')):
        pass
        yield '### Moved actions\n\n| Action | Title | Moved | By | Date | Commit |\n| --- | --- | --- | --- | --- | --- |\n'
        for l_1_e in t_15(environment, environment.call_binop(context, '+', environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'plan'), environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'tier')), attribute='date'):
            _loop_vars = {}
            pass
            yield '| '
            yield str(environment.finalize(t_4(environment.getattr(l_1_e, 'action'))))
            yield ' | '
            yield str(environment.finalize(t_4(environment.getattr(l_1_e, 'title'))))
            yield ' | '
            yield str(environment.finalize(('plan' if (l_1_e in environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'plan')) else 'tier')))
            yield ' '
            yield str(environment.finalize(t_4(environment.getattr(l_1_e, 'old'))))
            yield ' → '
            yield str(environment.finalize(t_4(environment.getattr(l_1_e, 'new'))))
            yield ' | '
            yield str(environment.finalize(t_4(environment.getattr(l_1_e, 'author'))))
            yield ' | '
            yield str(environment.finalize(environment.getattr(l_1_e, 'date')))
            yield ' | `'
            yield str(environment.finalize(environment.getattr(l_1_e, 'short')))
            yield '` |\n'
        l_1_e = missing
        yield '\n'
    if environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'evidence'):
        pass
        yield '### Evidence added\n\n| Action | Evidence | By | Date | Commit |\n| --- | --- | --- | --- | --- |\n'
        for l_1_e in environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'evidence'):
            _loop_vars = {}
            pass
            yield '| '
            yield str(environment.finalize(t_4(environment.getattr(l_1_e, 'action'))))
            yield ' | '
            yield str(environment.finalize(environment.getattr(environment.getattr(l_1_e, 'new'), 'date')))
            yield ': '
            yield str(environment.finalize(t_4(environment.getattr(environment.getattr(l_1_e, 'new'), 'text'))))
            if environment.getattr(environment.getattr(l_1_e, 'new'), 'link'):
                pass
                yield ' ('
                yield str(environment.finalize(t_8(environment.getattr(environment.getattr(l_1_e, 'new'), 'link'))))
                yield ')'
            yield ' | '
            yield str(environment.finalize(t_4(environment.getattr(l_1_e, 'author'))))
            yield ' | '
            yield str(environment.finalize(environment.getattr(l_1_e, 'date')))
            yield ' | `'
            yield str(environment.finalize(environment.getattr(l_1_e, 'short')))
            yield '` |\n'
        l_1_e = missing
        yield '\n'
    yield '## '
    yield str(environment.finalize(environment.call_binop(context, '+', environment.call_binop(context, '+', 5, (undefined(name='m') if l_0_m is missing else l_0_m)), (undefined(name='f') if l_0_f is missing else l_0_f))))
    yield '. Coming up\n\n'
    if environment.getattr((undefined(name='coming_up') if l_0_coming_up is missing else l_0_coming_up), 'actions'):
        pass
        yield 'Open actions due after '
        yield str(environment.finalize(environment.getattr((undefined(name='coming_up') if l_0_coming_up is missing else l_0_coming_up), 'from')))
        yield ' and by '
        yield str(environment.finalize(environment.getattr((undefined(name='coming_up') if l_0_coming_up is missing else l_0_coming_up), 'to')))
        yield ' (the end of '
        yield str(environment.finalize(environment.getattr((undefined(name='coming_up') if l_0_coming_up is missing else l_0_coming_up), 'quarter')))
        yield ').\n\n| Action | Title | Owner | Status | Due |\n| --- | --- | --- | --- | --- |\n'
        for l_1_a in environment.getattr((undefined(name='coming_up') if l_0_coming_up is missing else l_0_coming_up), 'actions'):
            _loop_vars = {}
            pass
            yield '| '
            yield str(environment.finalize(t_4(environment.getattr(l_1_a, 'id'))))
            yield ' | '
            yield str(environment.finalize(t_4(environment.getattr(l_1_a, 'title'))))
            yield ' | '
            yield str(environment.finalize((t_4(environment.getattr(l_1_a, 'owner')) if environment.getattr(l_1_a, 'owner') else '—')))
            yield ' | '
            yield str(environment.finalize(environment.getattr(l_1_a, 'status')))
            yield ' | '
            yield str(environment.finalize((environment.getattr(l_1_a, 'next_due') or environment.getattr(l_1_a, 'due'))))
            yield ' |\n'
        l_1_a = missing
    else:
        pass
        yield 'Nothing falls due between '
        yield str(environment.finalize(environment.getattr((undefined(name='coming_up') if l_0_coming_up is missing else l_0_coming_up), 'from')))
        yield ' and '
        yield str(environment.finalize(environment.getattr((undefined(name='coming_up') if l_0_coming_up is missing else l_0_coming_up), 'to')))
        yield ' (the end of '
        yield str(environment.finalize(environment.getattr((undefined(name='coming_up') if l_0_coming_up is missing else l_0_coming_up), 'quarter')))
        yield ').\n'
    yield '\n## '
    yield str(environment.finalize(environment.call_binop(context, '+', environment.call_binop(context, '+', 6, (undefined(name='m') if l_0_m is missing else l_0_m)), (undefined(name='f') if l_0_f is missing else l_0_f))))
    yield '. Status over time\n\n'
    if environment.getattr((undefined(name='chart') if l_0_chart is missing else l_0_chart), 'points'):
        pass
        yield '```mermaid\n'
        yield str(environment.finalize(environment.getattr((undefined(name='chart') if l_0_chart is missing else l_0_chart), 'mermaid')))
        yield '\n```\n\nLines: grey not started, green on track, amber at risk, red off track, blue complete, dark grey cancelled.\n\n| As at | Not started | On track | At risk | Off track | Complete | Cancelled |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n'
        for l_1_p in environment.getattr((undefined(name='chart') if l_0_chart is missing else l_0_chart), 'points'):
            _loop_vars = {}
            pass
            yield '| '
            yield str(environment.finalize(environment.getattr(l_1_p, 'label')))
            yield ' | '
            yield str(environment.finalize(environment.getitem(environment.getattr(l_1_p, 'counts'), 'not-started')))
            yield ' | '
            yield str(environment.finalize(environment.getitem(environment.getattr(l_1_p, 'counts'), 'on-track')))
            yield ' | '
            yield str(environment.finalize(environment.getitem(environment.getattr(l_1_p, 'counts'), 'at-risk')))
            yield ' | '
            yield str(environment.finalize(environment.getitem(environment.getattr(l_1_p, 'counts'), 'off-track')))
            yield ' | '
            yield str(environment.finalize(environment.getitem(environment.getattr(l_1_p, 'counts'), 'complete')))
            yield ' | '
            yield str(environment.finalize(environment.getitem(environment.getattr(l_1_p, 'counts'), 'cancelled')))
            yield ' |\n'
        l_1_p = missing
    else:
        pass
        yield 'No history to chart.\n'
    yield '\n## RAG key\n\n'
    for l_1_c in environment.getattr((undefined(name='rag_key') if l_0_rag_key is missing else l_0_rag_key), 'colours'):
        _loop_vars = {}
        pass
        yield '- **'
        yield str(environment.finalize(t_3(environment.getattr(l_1_c, 'rag'))))
        yield '**: '
        yield str(environment.finalize(t_6(context.eval_ctx, environment.getattr(l_1_c, 'statuses'), ' or ')))
        yield '.\n'
    l_1_c = missing
    for l_1_rule in environment.getattr((undefined(name='rag_key') if l_0_rag_key is missing else l_0_rag_key), 'rules'):
        _loop_vars = {}
        pass
        yield '- '
        yield str(environment.finalize(l_1_rule))
        yield '\n'
    l_1_rule = missing
    yield '\n## Appendix: every action by tier\n'
    for l_1_p in (undefined(name='appendix') if l_0_appendix is missing else l_0_appendix):
        _loop_vars = {}
        pass
        for l_2_t in environment.getattr(l_1_p, 'tiers'):
            _loop_vars = {}
            pass
            yield '\n### '
            yield str(environment.finalize(t_16(environment.getattr(l_1_p, 'title'))))
            yield ': '
            yield str(environment.finalize(t_16(environment.getattr(l_2_t, 'id'))))
            yield ' '
            yield str(environment.finalize(t_16(environment.getattr(l_2_t, 'name'))))
            yield '\n\n'
            if environment.getattr(l_2_t, 'actions'):
                pass
                yield '| Action | Title | Owner | Status | Due | Latest evidence |\n| --- | --- | --- | --- | --- | --- |\n'
                for l_3_a in environment.getattr(l_2_t, 'actions'):
                    _loop_vars = {}
                    pass
                    yield '| '
                    yield str(environment.finalize(t_4(environment.getattr(l_3_a, 'id'))))
                    yield ' | '
                    yield str(environment.finalize(t_4(environment.getattr(l_3_a, 'title'))))
                    yield ' | '
                    yield str(environment.finalize((t_4(environment.getattr(l_3_a, 'owner')) if environment.getattr(l_3_a, 'owner') else '—')))
                    yield ' | '
                    yield str(environment.finalize(environment.getattr(l_3_a, 'status')))
                    yield ' | '
                    yield str(environment.finalize((environment.getattr(l_3_a, 'due') or '—')))
                    yield ' | '
                    if environment.getattr(l_3_a, 'latest_evidence'):
                        pass
                        yield str(environment.finalize(environment.getattr(environment.getattr(l_3_a, 'latest_evidence'), 'date')))
                        yield ': '
                        yield str(environment.finalize(t_4(environment.getattr(environment.getattr(l_3_a, 'latest_evidence'), 'text'))))
                    else:
                        pass
                        yield '—'
                    yield ' |\n'
                l_3_a = missing
            else:
                pass
                yield 'No actions.\n'
        l_2_t = missing
    l_1_p = missing

blocks = {}
debug_info = '4=142&5=145&6=149&10=151&11=154&13=157&14=159&15=162&17=166&18=174&19=181&20=200&21=204&22=210&23=212&32=216&36=218&38=230&39=234&41=238&42=241&50=251&51=255&54=288&55=290&57=294&59=319&61=323&65=325&66=329&68=353&72=373&73=376&76=380&77=383&81=385&82=389&85=434&89=437&92=440&96=442&97=446&99=497&101=505&102=509&105=512&108=514&111=521&113=523&114=527&117=536&121=539&122=543&129=612&130=615&132=617&133=622&135=627&137=629&138=637&139=639&141=642&143=646&144=650&150=657&151=660&152=664&153=666&155=670&157=673&158=677&162=705&168=708&169=712&174=729&176=731&177=734&181=737&186=740&187=744&191=760&194=763&195=767&199=777&204=780&205=784&209=798&214=801&215=805&219=819&224=822&225=826&229=842&234=845&235=849&239=865&244=868&245=872&249=886&254=889&255=893&259=911&264=914&265=918&269=938&271=940&272=943&276=949&277=953&280=967&283=974&285=976&287=979&294=981&295=985&303=1004&304=1008&306=1013&307=1017&311=1021&312=1024&314=1028&316=1034&319=1037&320=1041'

# Made by actionplan from templates/report.md.j2; do not edit.
JINJA2 = '3.1.6'
SOURCE_SHA256 = 'c682bcdc51abec767e65db09d6c56ba72309edd4da5f763f88399d33a2b700e4'
