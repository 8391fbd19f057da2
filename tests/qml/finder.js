// SPDX-License-Identifier: GPL-3.0-or-later
// Finding what a resident sees by objectName, for the Quick tests.
.pragma library

/** The first visible item named @p name under @p parent (delegates under contentItem too), or null. */
function findByName(parent, name) {
    if (!parent)
        return null
    if (parent.objectName === name && parent.visible !== false)
        return parent
    const kids = parent.children || []
    for (let i = 0; i < kids.length; ++i) {
        const found = findByName(kids[i], name)
        if (found)
            return found
    }
    if (parent.contentItem && parent.contentItem !== parent)
        return findByName(parent.contentItem, name)
    return null
}
