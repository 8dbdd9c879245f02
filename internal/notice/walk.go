package notice

import "fmt"

// Texts returns every translatable text of the notice in document order.
func (n *Notice) Texts() []*Text {
	var texts []*Text
	n.walk(func(t *Text, _, _ string) { texts = append(texts, t) })
	return texts
}

// assignIDs gives every text its message id, translator description and file.
func (n *Notice) assignIDs() {
	n.walk(func(t *Text, id, description string) {
		t.ID = id
		t.Description = description
		t.Pos.File = n.File
	})
}

// walk calls visit for every non-nil text with the message id and description it
// has in this notice. Descriptions name no step numbers, since they are part of a
// translation's hash and inserting a step must not make the following ones stale. The ids are the contract with the locale files: change them
// only together with every translation.
func (n *Notice) walk(visit func(t *Text, id, description string)) {
	text := func(t *Text, id, description string) {
		if t != nil {
			visit(t, id, description)
		}
	}
	paragraphs := func(ps []Paragraph, prefix, description string) {
		for _, p := range ps {
			text(p.Text, prefix+"."+p.ID, description)
		}
	}
	steps := func(ss []Step, prefix, description string) {
		for _, s := range ss {
			text(s.Text, prefix+".steps."+s.ID, description+": a numbered step")
			for _, note := range s.Notes {
				text(note.Text, prefix+".notes."+s.ID+"."+note.Group,
					fmt.Sprintf("%s: note on step %q for target group %q", description, s.ID, note.Group))
			}
		}
	}

	text(n.Subject, "subject", "Header: subject of the notice")
	text(n.Product, "product", "Header: commercial name of the product concerned")
	text(n.Attention, "attention", "Header: who must read the notice")
	paragraphs(n.NewInformation, "new_information", "Follow-up notice: the key new information since the earlier notice")
	if f := n.FurtherNotice; f != nil {
		text(f.About, "further_notice.about", "General: what the further notice that is expected will be about")
		text(f.When, "further_notice.when", "General: when the further notice is expected, such as \"in May 2026\"")
	}
	text(n.Manufacturer.Country, "manufacturer.country", "Sender: country of the manufacturer")
	text(n.SafetyOfficer.Role, "safety_officer.role", "Sender: role of the safety officer")
	for _, g := range n.TargetGroups {
		text(g.Name, "target_groups."+g.ID+".name", fmt.Sprintf("Target group %q: how a note for it begins, such as \"For operators\"", g.ID))
		text(g.Description, "target_groups."+g.ID+".description", fmt.Sprintf("Target group %q: who belongs to it", g.ID))
	}
	deadline := func(d *Deadline, id, description string) {
		if d != nil {
			text(d.Note, id, description)
		}
	}
	for _, d := range n.Devices {
		text(d.Type, "devices."+d.ID+".type", fmt.Sprintf("Affected device %s: device type, such as \"volumetric infusion pump\"", d.Name))
		text(d.Description, "devices."+d.ID+".description", fmt.Sprintf("Affected device %s: what it is, in words", d.Name))
		text(d.Purpose, "devices."+d.ID+".purpose", fmt.Sprintf("Affected device %s: its clinical purpose", d.Name))
		text(d.Condition, "devices."+d.ID+".condition", fmt.Sprintf("Affected device %s: when it is affected", d.Name))
		paragraphs(d.Associated, "devices."+d.ID+".associated", fmt.Sprintf("Affected device %s: an associated device", d.Name))
		for _, img := range d.Images {
			prefix := "devices." + d.ID + ".images." + img.ID
			text(img.Alt, prefix+".alt", fmt.Sprintf("Affected device %s: what its image %q shows, for readers who cannot see it (alternative text)", d.Name, img.ID))
			text(img.Caption, prefix+".caption", fmt.Sprintf("Affected device %s: the caption under its image %q", d.Name, img.ID))
		}
	}
	paragraphs(n.Problem.Cause, "problem.cause", "Problem: description and cause")
	paragraphs(n.Problem.Symptoms, "problem.symptoms", "Problem: symptoms")
	paragraphs(n.Problem.Consequences, "problem.consequences", "Problem: consequences")
	paragraphs(n.Problem.Risk, "problem.risk", "Problem: risk to patients and users")
	paragraphs(n.Problem.NotAffected, "problem.not_affected", "Problem: what is not affected")
	paragraphs(n.Problem.Hazard, "problem.hazard", "Problem: the hazard")
	paragraphs(n.Problem.Probability, "problem.probability", "Problem: the probability of the problem occurring")
	paragraphs(n.Problem.FurtherInformation, "problem.further_information", "Problem: further information")
	paragraphs(n.Problem.Background, "problem.background", "Problem: background")
	paragraphs(n.Actions.Intro, "actions.intro", "Actions: introduction")
	for _, g := range n.Actions.Groups {
		prefix := "actions." + g.Group
		description := fmt.Sprintf("Actions for target group %q", g.Group)
		text(g.Heading, prefix+".heading", description+": heading")
		text(g.Other, prefix+".other_action", description+": the \"other\" action ticked, in words")
		deadline(g.Deadline, prefix+".deadline", description+": the condition of the deadline, such as \"before the pump is next used\"")
		steps(g.Steps, prefix, description)
		paragraphs(g.Text, prefix+".text", description)
	}
	paragraphs(n.Actions.Implant, "actions.implant", "Actions: particular considerations for implantable devices")
	paragraphs(n.Actions.FollowUp, "actions.patient_follow_up", "Actions: recommended follow-up of patients")
	if t := n.Troubleshooting; t != nil {
		paragraphs(t.Intro, "troubleshooting.intro", "Troubleshooting: introduction")
		steps(t.Steps, "troubleshooting", "Troubleshooting")
	}
	paragraphs(n.Alternatives, "alternatives", "Alternatives")
	text(n.ManufacturerActions.Other, "manufacturer_actions.other_action", "Actions taken by the manufacturer: the \"other\" action ticked, in words")
	paragraphs(n.ManufacturerActions.Text, "manufacturer_actions", "Actions taken by the manufacturer")
	deadline(n.ManufacturerActions.Deadline, "manufacturer_actions.deadline", "Actions taken by the manufacturer: the condition of the deadline")
	paragraphs(n.Transmission, "transmission", "Transmission of the notice")
	paragraphs(n.Authority, "authority", "Statement that the competent authority was informed")
	for _, a := range n.Attachments {
		text(a.Title, "attachments."+a.ID, "Attachments: the title of a document sent with the notice")
	}
	text(n.Contact.Role, "contact.role", "Contact person: role")
	text(n.Contact.Organisation.Country, "contact.organisation.country", "Contact person: country")
	for _, c := range n.Countries {
		if k := c.Contact; k != nil {
			text(k.Role, "countries."+c.Code+".contact.role", "Local contact in "+c.Code+": role, such as \"authorised representative\"")
			text(k.Organisation.Country, "countries."+c.Code+".contact.organisation.country", "Local contact in "+c.Code+": country")
		}
	}
	text(n.Signatory.Role, "signatory.role", "Signature: role of the signatory")
	form := func(r *ReplyForm, prefix, name string) {
		if r == nil {
			return
		}
		paragraphs(r.Intro, prefix+".intro", name+": introduction")
		text(r.ReturnTo, prefix+".return_to", name+": where to return it")
		deadline(r.Deadline, prefix+".deadline", name+": the condition of the deadline for returning it")
		paragraphs(r.Confirmations, prefix+".confirmations", name+": statement to tick")
		for _, f := range r.Fields {
			text(f.Label, prefix+".fields."+f.ID, name+": label of a field to fill in")
		}
	}
	form(n.ReplyForm, "reply_form", "Customer reply form")
	form(n.DistributorForm, "distributor_reply_form", "Distributor and importer reply form")
}
