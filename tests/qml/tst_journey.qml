// SPDX-License-Identifier: GPL-3.0-or-later
// The resident's whole journey, end to end, on the simulated terminal: real card codec under the
// simulated reader, the real queue, a real HTTPS platform on 127.0.0.1, the real ESC/POS encoder
// and the simulated printer's decoder. Everything is done by tapping what a resident taps.
import QtQuick
import QtTest
import QtQuick.VirtualKeyboard
import Kiosk
import Kiosk.Devices
import "finder.js" as Finder
import KioskTest

Item {
    id: root
    width: 1080
    height: 1920

    AppShell {
        id: shell
        anchors.fill: parent
    }

    TestCase {
        name: "Journey"
        when: windowShown

        function findByName(parent, name) {
            return Finder.findByName(parent, name)
        }
        function tap(name) {
            let item = null
            tryVerify(() => { item = findByName(shell, name); return item !== null && item.enabled }, 5000, name + " is shown")
            mouseClick(item)
            wait(50) // a new question's editor replaces the old one
        }
        function typePinyin(letters) {
            for (const c of letters)
                InputContext.inputEngine.virtualKeyClick(Qt.Key_A + c.charCodeAt(0) - 97, c, 0)
        }
        function chooseCandidate(word) {
            const m = InputContext.inputEngine.wordCandidateListModel
            for (let i = 0; i < m.count; ++i) {
                if (m.dataAt(i) === word) {
                    // Tapped where the resident sees it: only whole candidates are shown.
                    verify(findByName(shell, "candidate_" + i) !== null, word + " is shown in the candidate bar")
                    tap("candidate_" + i)
                    return
                }
            }
            fail(word + " is not among the candidates")
        }
        /** The first request the progress page shows (its delegate: what the resident sees). */
        function firstRequest() {
            return findByName(shell, "request_0")
        }
        function pressDigits(digits) {
            for (const d of digits)
                tap("key_" + d)
        }
        /** Answers the current question of the remote-care form by its type, as a resident would. */
        function answerRemoteCare() {
            for (let guard = 0; guard < 10 && Session.screen === Session.Form; ++guard) {
                const f = Journey.form.field
                if (f.kind === FormSession.Phone) {
                    pressDigits("13800138000")
                } else if (f.kind === FormSession.Date) {
                    tap("datePlus2") // tomorrow: the picker starts at the earliest allowed day
                    verify(Journey.form.field.text !== "")
                } else if (f.id === "careCity") {
                    tryVerify(() => InputContext.inputEngine.inputMethod !== null)
                    typePinyin("shanghai")
                    tryVerify(() => InputContext.inputEngine.wordCandidateListModel.count > 0)
                    const bar = findByName(shell, "candidateBar")
                    verify(bar !== null && bar.height >= Theme.touchTarget, "the large candidate bar is shown")
                    tryVerify(() => findByName(shell, "candidate_0") !== null)
                    chooseCandidate("上海")
                    compare(Journey.form.answer("careCity"), "上海")
                }
                tap("nextButton")
            }
        }

        function init() {
            TestPlatform.setDown(false)
            Simulator.setPaper("ok")
            Simulator.removeCard()
            Session.reset()
        }
        function cleanup() {
            TestPlatform.setDown(false)
            Simulator.setPaper("ok")
        }

        function test_endToEnd() {
            const before = TestPlatform.count("submission")
            const ratingsBefore = TestPlatform.count("evaluation")
            verify(Simulator.insertCard(0))
            tryCompare(Session, "identified", true, 5000)
            Session.openSearch()
            Session.setQuery("ydjy")
            compare(Session.items.codeAt(0), "YB-0003")
            Session.openItem("YB-0003")
            tap("applyButton")
            answerRemoteCare()
            compare(Session.screen, Session.Review)
            tap("consentButton")
            tap("submitButton")
            tryCompare(Session, "screen", Session.Submitted, 5000)
            tryCompare(Journey.submission, "state", Submission.Sent, 10000)
            tryVerify(() => TestPlatform.count("submission") === before + 1, 5000)
            const sent = TestPlatform.last("submission")
            compare(sent.itemCode, "YB-0003")
            compare(sent.fields.careCity, "上海")
            compare(sent.fields.phone, "13800138000")
            compare(sent.fields.applicantName, "张伟")
            compare(sent.fields.idNumber.length, 18)
            verify(sent.consent.recipient.indexOf("医疗保障") >= 0)
            compare(sent._deliveries, 1)
            const tracking = sent._trackingNumber
            compare(Journey.submission.trackingNumber, tracking)
            compare(findByName(shell, "receiptNumber").text, tracking)
            // A card was read in this visit: the result reminds the resident to take it.
            verify(findByName(shell, "takeCardReminder"), "the result says to take the card")

            // The printed receipt, decoded back from the ESC/POS bytes, carries the same number and QR.
            tryCompare(Journey.receipt, "state", ReceiptSlip.Printed, 10000)
            tryVerify(() => Simulator.lastReceiptText.indexOf(tracking) >= 0, 5000)
            // The QR carries the request's capability (its id and a MAC), not the platform's number.
            const receiptQr = Journey.submission.qrText
            verify(receiptQr.indexOf("KIOSK:") === 0 && receiptQr.indexOf(tracking) < 0, receiptQr)
            // This simulated printer takes the QR as a raster image (no GS ( k); a native one carries the text.
            verify(Simulator.lastReceiptText.indexOf("[QR " + receiptQr + "]") >= 0
                   || Simulator.lastReceiptText.indexOf("[raster ") >= 0, Simulator.lastReceiptText)
            verify(Simulator.lastReceiptText.indexOf("异地就医备案") >= 0)
            verify(Simulator.lastReceiptText.indexOf("法定办结时限：3个工作日") >= 0)

            // 好差评: five levels, a reason, through the queue.
            tap("rateButton")
            compare(Session.screen, Session.Evaluation)
            tap("level_5")
            tap("reason_0")
            tap("sendRatingButton")
            compare(Session.screen, Session.Home)
            verify(Session.notice.indexOf("请取回您的身份证") > 0, "the end of the visit says to take the card: " + Session.notice)
            tryVerify(() => TestPlatform.count("evaluation") === ratingsBefore + 1, 10000)
            const rating = TestPlatform.last("evaluation")
            compare(rating.rating, 5)
            compare(rating.reasons.length, 1)
            compare(rating.reasons[0], "quick") // a code, the same in every language
            compare(rating.trackingNumber, tracking)

            // Progress by card: the request with the platform's status; then the department moves it.
            tap("progressButton")
            compare(Session.screen, Session.Progress)
            tryVerify(() => firstRequest() !== null && firstRequest().number === tracking, 5000)
            compare(firstRequest().state, ProgressModel.Received)
            verify(findByName(shell, "takeCardReminder"), "the progress shown says to take the card")
            // The reply is the platform's: hostile text in it (tags, an image to fetch, a bidi
            // override) must show as plain characters, the override removed.
            verify(TestPlatform.setStatus(tracking, "done", "已办结，<b>备案</b><img src=\"http://127.0.0.1:9/x.png\">\u202E年一期效有\u202C"))
            // The page asks again when it is opened; so does the resident's next visit.
            tap("homeButton")
            tap("progressButton")
            tryVerify(() => firstRequest() !== null && firstRequest().state === ProgressModel.Done, 10000)
            tryVerify(() => findByName(shell, "reply") !== null && findByName(shell, "reply").text.indexOf("已办结") >= 0, 5000)
            const reply = findByName(shell, "reply")
            compare(reply.textFormat, Text.PlainText)
            verify(reply.text.indexOf("<b>") >= 0, reply.text)
            verify(reply.text.indexOf("\u202E") < 0, "the bidi override is removed")

            // The platform's number alone (sequential, guessable) opens nothing; it is explained.
            Session.reset()
            verify(Simulator.scanCode(tracking))
            tryVerify(() => Session.notice.length > 0, 5000)
            verify(Session.screen !== Session.Progress)
            compare(Journey.progress.count, 0)
            // The receipt's QR scanned later opens the same request.
            Session.reset()
            verify(Simulator.scanCode(receiptQr))
            tryCompare(Session, "screen", Session.Progress, 5000)
            compare(Journey.progress.lookup, ProgressModel.Code)
            compare(Journey.progress.count, 1)
            tryVerify(() => firstRequest() !== null)
            compare(firstRequest().number, tracking)
            compare(firstRequest().state, ProgressModel.Done)
            compare(TestPlatform.count("submission"), before + 1) // still exactly one
        }

        function test_withoutACardTheReaderIsOfferedFirst() {
            Session.start()
            Session.openItem("YB-0003")
            tap("applyButton")
            compare(Journey.form.field.id, "applicantName")
            verify(Journey.form.offerCard)
            verify(findByName(shell, "cardOffer") !== null, "the reader is offered before any typing")
            compare(findByName(shell, "textAnswer"), null)
            tap("typeInsteadButton")
            verify(!Journey.form.offerCard)
            tryVerify(() => findByName(shell, "textAnswer") !== null, 5000, "typing is the second choice")
            // The card after all: what it holds is filled in, the form goes on with the phone.
            verify(Simulator.insertCard(0))
            tryCompare(Session, "identified", true, 5000)
            compare(Session.screen, Session.Form)
            tryVerify(() => Journey.form.field.id === "phone", 5000)
            compare(Journey.form.answer("applicantName"), "张伟")
        }

        function test_aChosenDateCanBeClearedAgain() {
            verify(Simulator.insertCard(0))
            tryCompare(Session, "identified", true, 5000)
            Session.openItem("YB-0003")
            tap("applyButton")
            for (let guard = 0; guard < 5 && Journey.form.field.kind !== FormSession.Date; ++guard) {
                Journey.form.setAnswer(Journey.form.field.id, Journey.form.field.kind === FormSession.Phone ? "13800138000" : "上海")
                tap("nextButton")
            }
            compare(Journey.form.field.kind, FormSession.Date)
            compare(Journey.form.field.text, "", "no date is chosen for the resident")
            compare(findByName(shell, "dateClearButton"), null)
            tap("datePlus2")
            verify(Journey.form.field.text !== "")
            tap("dateClearButton")
            compare(Journey.form.field.text, "")
            compare(Journey.form.answer(Journey.form.field.id), undefined)
            verify(findByName(shell, "dateShown").text.length > 0)
        }

        function test_invalidIdNumberIsExplainedBesideTheField() {
            Session.start()
            Session.openItem("YB-0003")
            tap("applyButton")
            // No card: name first (typed), then the ID number on the keypad with X.
            compare(Journey.form.field.id, "applicantName")
            Journey.form.setAnswer("applicantName", "李秀英")
            tap("nextButton")
            compare(Journey.form.field.id, "idNumber")
            pressDigits("35010219900101123")
            tap("key_extra") // X: the check digit of this number is 8, so X is wrong
            compare(Journey.form.field.value, "35010219900101123X")
            tap("nextButton")
            compare(Journey.form.field.id, "idNumber", "a wrong ID number does not move on")
            const error = findByName(shell, "fieldError")
            verify(error !== null && error.text.length > 0, "the error is beside the field, in words")
            tap("key_erase")
            tap("key_8")
            compare(Journey.form.field.error, "", "the error goes once the number is right")
            tap("nextButton")
            compare(Journey.form.field.id, "phone")
        }

        function test_printerOutOfPaperShowsLargeCodeAndReprints() {
            verify(Simulator.insertCard(0))
            tryCompare(Session, "identified", true, 5000)
            verify(Session.openItem("RS-0004"))
            Session.apply()
            compare(Session.screen, Session.Form)
            Journey.form.setAnswer("phone", "13800138000")
            tap("nextButton")
            tap("consentButton")
            verify(Simulator.setPaper("out"))
            tap("submitButton")
            tryCompare(Journey.receipt, "state", ReceiptSlip.Failed, 10000)
            const problem = findByName(shell, "printProblem")
            verify(problem !== null && problem.text.length > 0)
            verify(problem.text.indexOf("请联系工作人员") >= 0, "the out-of-paper screen sends the resident to staff: " + problem.text)
            const qr = findByName(shell, "receiptQr")
            verify(qr.width >= 500, "the code is large enough to photograph: " + qr.width)
            compare(qr.status, Image.Ready)
            verify(Simulator.setPaper("ok"))
            tap("reprintButton")
            tryCompare(Journey.receipt, "state", ReceiptSlip.Printed, 10000)
            tryVerify(() => Simulator.lastReceiptText.indexOf(Journey.submission.receiptNumber) >= 0, 5000)
        }

        function test_platformDownIsSaidHonestly() {
            verify(Simulator.insertCard(0))
            tryCompare(Session, "identified", true, 5000)
            TestPlatform.setDown(true)
            verify(Session.openItem("RS-0004"))
            Session.apply()
            compare(Session.screen, Session.Form)
            Journey.form.setAnswer("phone", "13800138000")
            tap("nextButton")
            tap("consentButton")
            tap("submitButton")
            tryCompare(Session, "screen", Session.Submitted, 5000)
            tryCompare(Journey.submission, "state", Submission.Queued, 15000)
            // The terminal's own number, in groups of digits to read out over the phone.
            verify(/^\d{4} \d{4} \d{4} \d$/.test(Journey.submission.receiptNumber), Journey.submission.receiptNumber)
            verify(Journey.submission.qrText.indexOf("KIOSK:") === 0)
            const headline = findByName(shell, "headline")
            verify(headline.text.indexOf("✔") === 0)
            tryCompare(Journey.receipt, "state", ReceiptSlip.Printed, 10000)
            // The terminal's own number is found again from the receipt.
            const qrText = Journey.submission.qrText
            Session.reset()
            verify(Simulator.scanCode(qrText))
            tryCompare(Session, "screen", Session.Progress, 5000)
            compare(Journey.progress.count, 1)
            tryVerify(() => firstRequest() !== null)
            compare(firstRequest().state, ProgressModel.Waiting)
        }

        function test_suggestionTo12345() {
            const before = TestPlatform.count("suggestion")
            Session.reset()
            tap("attractSuggestionButton")
            tryCompare(Session, "screen", Session.Form, 5000)
            compare(Journey.kind, Journey.Suggestion)
            tap("choice_1") // 投诉
            tap("nextButton")
            compare(Journey.form.field.id, "community")
            tap("choice_0") // 幸福里社区
            compare(Journey.form.answer("community"), "xingfuli")
            tap("nextButton")
            compare(Journey.form.field.id, "grid")
            tap("choice_2") // 第三网格
            tap("nextButton")
            compare(Journey.form.field.id, "description")
            tap("phrase_0")
            tryVerify(() => (Journey.form.answer("description") || "").indexOf("楼道灯") === 0)
            typePinyin("xiexie")
            tryVerify(() => InputContext.inputEngine.wordCandidateListModel.count > 0)
            chooseCandidate("谢谢")
            verify(Journey.form.answer("description").indexOf("谢谢") > 0, Journey.form.answer("description"))
            tap("nextButton")
            compare(Journey.form.field.id, "phone")
            tap("nextButton") // optional: left empty
            compare(Session.screen, Session.Review)
            tap("consentButton")
            tap("submitButton")
            tryCompare(Journey.submission, "state", Submission.Sent, 10000)
            tryVerify(() => TestPlatform.count("suggestion") === before + 1, 5000)
            const s = TestPlatform.last("suggestion")
            compare(s.category, "complaint")
            compare(s.community, "xingfuli")
            compare(s.grid, "grid3")
            verify(s.description.indexOf("楼道灯") === 0)
            verify(s._trackingNumber.indexOf("RX") === 0)
            // No card was read in this visit: nothing to take.
            compare(findByName(shell, "takeCardReminder"), null)
            compare(s.phone, undefined)
        }

        function test_submitNeedsConsentAndHappensOnce() {
            verify(Simulator.insertCard(0))
            tryCompare(Session, "identified", true, 5000)
            verify(Session.openItem("RS-0004"))
            Session.apply()
            compare(Session.screen, Session.Form)
            // A phone number no other test uses tells this request apart from earlier tests' ones
            // that may still be arriving from the queue.
            Journey.form.setAnswer("phone", "13900139017")
            tap("nextButton")
            compare(Session.screen, Session.Review)
            verify(!findByName(shell, "submitButton").enabled, "no submit button without consent")
            Journey.submit()
            compare(Journey.submission.error, Submission.NoConsent)
            verify(findByName(shell, "submitError").text.length > 0, "the review says why")
            compare(Journey.submission.state, Submission.None)
            compare(Session.screen, Session.Review)
            tap("consentButton")
            Journey.submit()
            Journey.submit() // a second tap (or a bounce) submits nothing more
            tryCompare(Session, "screen", Session.Submitted, 5000)
            tryCompare(Journey.submission, "state", Submission.Sent, 10000)
            wait(500)
            compare(TestPlatform.countWith("submission", "fields.phone", "13900139017"), 1)
            // Back from the result never leads to the review again.
            Session.back()
            compare(Session.screen, Session.Home)
        }

        function test_evaluationCanBeSkipped() {
            verify(Simulator.insertCard(0))
            tryCompare(Session, "identified", true, 5000)
            const ratingsBefore = TestPlatform.count("evaluation")
            verify(Session.openItem("RS-0004"))
            Session.apply()
            compare(Session.screen, Session.Form)
            Journey.form.setAnswer("phone", "13800138000")
            tap("nextButton")
            tap("consentButton")
            tap("submitButton")
            tryCompare(Journey.submission, "state", Submission.Sent, 10000)
            tap("rateButton")
            tap("skipButton")
            compare(Session.screen, Session.Home)
            compare(Journey.evaluation.state, Evaluation.Skipped)
            wait(300)
            compare(TestPlatform.count("evaluation"), ratingsBefore)
        }

        function test_endOfVisitForgetsEverything() {
            verify(Simulator.insertCard(0))
            tryCompare(Session, "identified", true, 5000)
            verify(Session.openItem("YB-0003"))
            Session.apply()
            compare(Session.screen, Session.Form)
            Journey.form.setAnswer("phone", "13900000000")
            Session.reset()
            compare(Journey.active, false)
            compare(Journey.form.review.count, 0)
            // A new anonymous visit is not prefilled with the last resident's card.
            Session.start()
            verify(Session.openItem("YB-0003"))
            Session.apply()
            compare(Journey.form.field.id, "applicantName")
            compare(Journey.form.answer("idNumber"), undefined)
        }
    }
}
