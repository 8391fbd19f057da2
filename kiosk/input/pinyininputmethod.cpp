// SPDX-License-Identifier: GPL-3.0-or-later
#include "kiosk/input/pinyininputmethod.h"
#include "services/input/pinyinengine.h"

#include <QtVirtualKeyboard/QVirtualKeyboardInputContext>

namespace kiosk {

using List = QVirtualKeyboardSelectionListModel::Type;

PinyinInputMethod::PinyinInputMethod(QObject *parent)
    : QVirtualKeyboardAbstractInputMethod(parent)
{
}

QList<QVirtualKeyboardInputEngine::InputMode> PinyinInputMethod::inputModes(const QString &)
{
    return {QVirtualKeyboardInputEngine::InputMode::Pinyin};
}

bool PinyinInputMethod::setInputMode(const QString &, QVirtualKeyboardInputEngine::InputMode)
{
    reset();
    return input::PinyinEngine::instance().isOpen();
}

bool PinyinInputMethod::setTextCase(QVirtualKeyboardInputEngine::TextCase)
{
    return true;
}

bool PinyinInputMethod::keyEvent(Qt::Key key, const QString &text, Qt::KeyboardModifiers)
{
    auto &engine = input::PinyinEngine::instance();
    if (key >= Qt::Key_A && key <= Qt::Key_Z && text.size() == 1) {
        m_letters += text.toLower();
        refresh(engine.search(m_letters));
        return true;
    }
    if (m_letters.isEmpty())
        return false; // not composing: the key goes to the text field as usual
    switch (key) {
    case Qt::Key_Backspace:
        m_letters.chop(1);
        refresh(engine.search(m_letters));
        return true;
    case Qt::Key_Space:
    case Qt::Key_Return:
    case Qt::Key_Enter:
        if (!m_candidates.isEmpty()) {
            selectionListItemSelected(List::WordCandidateList, 0);
        } else {
            inputContext()->commit(m_letters); // no Chinese for these letters: keep them as typed
            reset();
            refresh({});
        }
        return true;
    default:
        return false;
    }
}

QList<QVirtualKeyboardSelectionListModel::Type> PinyinInputMethod::selectionLists()
{
    return {List::WordCandidateList};
}

int PinyinInputMethod::selectionListItemCount(QVirtualKeyboardSelectionListModel::Type)
{
    return int(m_candidates.size());
}

QVariant PinyinInputMethod::selectionListData(QVirtualKeyboardSelectionListModel::Type, int index,
                                              QVirtualKeyboardSelectionListModel::Role role)
{
    switch (role) {
    case QVirtualKeyboardSelectionListModel::Role::Display:
        return m_candidates.value(index);
    case QVirtualKeyboardSelectionListModel::Role::WordCompletionLength:
        return 0;
    default:
        return {};
    }
}

void PinyinInputMethod::selectionListItemSelected(QVirtualKeyboardSelectionListModel::Type, int index)
{
    auto &engine = input::PinyinEngine::instance();
    QStringList rest;
    const QString done = engine.choose(index, &rest);
    if (!done.isEmpty()) {
        inputContext()->commit(done);
        m_letters.clear();
        refresh({});
        return;
    }
    // Part converted ("社bao"): the rest is offered next.
    m_candidates = rest;
    inputContext()->setPreeditText(engine.composing());
    Q_EMIT selectionListChanged(List::WordCandidateList);
    Q_EMIT selectionListActiveItemChanged(List::WordCandidateList, m_candidates.isEmpty() ? -1 : 0);
}

void PinyinInputMethod::reset()
{
    m_letters.clear();
    m_candidates.clear();
    input::PinyinEngine::instance().reset();
}

void PinyinInputMethod::update()
{
    // The text field lost focus or the cursor moved: take what was typed as it stands.
    if (!m_letters.isEmpty() && inputContext())
        inputContext()->commit(m_letters);
    reset();
    Q_EMIT selectionListChanged(List::WordCandidateList);
}

void PinyinInputMethod::refresh(const QStringList &candidates)
{
    m_candidates = candidates;
    if (inputContext())
        inputContext()->setPreeditText(m_letters);
    Q_EMIT selectionListChanged(List::WordCandidateList);
    Q_EMIT selectionListActiveItemChanged(List::WordCandidateList, m_candidates.isEmpty() ? -1 : 0);
}

} // namespace kiosk
