// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>
#include <QtQml/qqmlregistration.h>
#include <QtVirtualKeyboard/QVirtualKeyboardAbstractInputMethod>

namespace kiosk {

/**
 * Chinese pinyin input for Qt Virtual Keyboard, over input::PinyinEngine (libgooglepinyin):
 * Debian's Qt Virtual Keyboard ships without Chinese, so the zh_CN layout in
 * qml/keyboard/layouts uses this method. Letters build the pinyin (shown as pre-edit text), the
 * keyboard's candidate bar offers phrases, a choice commits it — or converts part and offers the
 * rest; space or enter takes the first candidate.
 */
class PinyinInputMethod : public QVirtualKeyboardAbstractInputMethod
{
    Q_OBJECT
    QML_ELEMENT
public:
    explicit PinyinInputMethod(QObject *parent = nullptr);

    QList<QVirtualKeyboardInputEngine::InputMode> inputModes(const QString &locale) override;
    bool setInputMode(const QString &locale, QVirtualKeyboardInputEngine::InputMode inputMode) override;
    bool setTextCase(QVirtualKeyboardInputEngine::TextCase textCase) override;
    bool keyEvent(Qt::Key key, const QString &text, Qt::KeyboardModifiers modifiers) override;

    QList<QVirtualKeyboardSelectionListModel::Type> selectionLists() override;
    int selectionListItemCount(QVirtualKeyboardSelectionListModel::Type type) override;
    QVariant selectionListData(QVirtualKeyboardSelectionListModel::Type type, int index,
                               QVirtualKeyboardSelectionListModel::Role role) override;
    void selectionListItemSelected(QVirtualKeyboardSelectionListModel::Type type, int index) override;

    void reset() override;
    void update() override;

private:
    void refresh(const QStringList &candidates);

    QString m_letters;
    QStringList m_candidates;
};

} // namespace kiosk
