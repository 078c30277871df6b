"""Walking the small trees of the CRM: the competence taxonomy and TOL 2008 industries."""


def with_narrower(model, node):
    """Primary keys of ``node`` and every node below it, in one query.

    The trees are small (hundreds of rows), so reading all ``(id, parent_id)`` pairs beats a
    recursive query per level and keeps the query count fixed however deep the tree is.
    """
    children = {}
    for pk, parent_id in model.objects.values_list("pk", "parent_id"):
        children.setdefault(parent_id, []).append(pk)
    found, todo = [], [node.pk]
    while todo:
        pk = todo.pop()
        found.append(pk)
        todo.extend(children.get(pk, ()))
    return found


def parents_of(model, *fields):
    """``{pk: (parent pk, *fields)}`` of a small tree, in one query."""
    return {pk: rest for pk, *rest in model.objects.values_list("pk", "parent_id", *fields)}


def roots(parents):
    """``{pk: pk of its top-level ancestor}`` from :func:`parents_of`'s answer."""
    found = {}
    for pk in parents:
        node, seen = pk, set()
        while parents[node][0] in parents and node not in seen:  # a broken tree must not hang
            seen.add(node)
            node = parents[node][0]
        found[pk] = node
    return found
